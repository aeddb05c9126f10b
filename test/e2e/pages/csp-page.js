// Records every CSP violation (the event is composed, so ones from shadow roots reach the document).
window.__cspViolations = [];
const record = (e) =>
  window.__cspViolations.push({
    violatedDirective: e.violatedDirective,
    effectiveDirective: e.effectiveDirective,
    blockedURI: e.blockedURI,
    sourceFile: e.sourceFile,
    lineNumber: e.lineNumber,
    columnNumber: e.columnNumber,
    sample: e.sample,
    disposition: e.disposition,
    // Where it happened: the element, its classes and the Confab element whose shadow root holds it.
    // (the event is retargeted to the host; composedPath()[0] is the element inside the shadow root)
    element: e.composedPath()[0]?.localName ?? null,
    className: e.composedPath()[0]?.getAttribute?.('class') ?? null,
    style: e.composedPath()[0]?.getAttribute?.('style') ?? null,
    host: e.target?.localName ?? null,
  });
document.addEventListener('securitypolicyviolation', record, true);
// A signed-in partner when the test asks for one (?token=...), so writes and "me" paths run too.
const token = new URLSearchParams(location.search).get('token');
if (token) {
  const set = () => window.confab?.configure({ getToken: () => token });
  if (window.confab) set();
  else addEventListener('load', set);
}
