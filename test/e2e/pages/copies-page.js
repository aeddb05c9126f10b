// Records uncaught errors and rejections, and lets the test add the second copy of the loader later.
window.__errors = [];
addEventListener('error', (e) => window.__errors.push(String(e.message)));
addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason?.message ?? e.reason)));
window.__addSecondCopy = () =>
  new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.type = 'module';
    s.src = '/dist2/confab.js';
    s.dataset.api = '/api';
    s.onload = resolve;
    s.onerror = reject;
    document.head.append(s);
  });
