// The portal's chrome, one copy for every demo page: the top bar (brand, navigation, who is signed
// in, the dark-mode toggle, the notification bell) and the sidebar of demo pages, with the current
// page marked. A classic script, so the classic-script page can use it too; load it in <head>,
// before the page's own scripts:
//
//   <script src="chrome.js"></script>
//
// It sets the colour scheme at once (no light flash), and renders when parsing ends
// (readyState "interactive"), which is before deferred and module scripts run: portal.js,
// classic.js and spa.js find #signin in place. What a page can say, on <body>:
//   data-identity="demo"       the "Sign in as" switcher over the demo users and the bell (default)
//   data-identity="discourse"  the forum's own user: a status line (#forum-name) instead, and the bell
//   <nav data-chrome-nav>      the page's own navigation, moved into the top bar (the SPA's views)
(function () {
  'use strict';

  var PAGES = [
    { href: 'index.html', label: 'Community' },
    { href: 'moderation.html', label: 'Moderation' },
    { href: 'insights.html', label: 'Insights (program staff)' },
    { href: 'discourse.html', label: 'Community on Discourse' },
    { href: 'spa.html', label: 'Single-page app demo' },
    { href: 'classic.html', label: 'Classic-script demo' },
  ];
  // The portal's own sections: the host page around Confab, not part of the demo.
  var PORTAL_SECTIONS = ['Dashboard', 'Deals', 'Training', 'Community', 'Marketing'];

  var root = document.documentElement;
  root.dataset.theme = localStorage.getItem('acme-theme') === 'dark' ? 'dark' : 'light';

  function currentPage() {
    var file = location.pathname.split('/').pop();
    return file === '' ? 'index.html' : file;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function portalNav(page) {
    // Every Confab page is in the portal's "Community" section: aria-current="true" marks the section;
    // "page" belongs to the one sidebar link of this very page, so a screen reader hears one current page.
    var links = PORTAL_SECTIONS.map(function (name) {
      var community = name === 'Community';
      return el('a', community ? { href: 'index.html', 'aria-current': 'true' } : { href: '#' }, [name]);
    });
    return el('nav', { class: 'flex gap-4', 'aria-label': 'Portal' }, links);
  }

  function account(identity) {
    var box = el('div', { class: 'account flex items-center gap-2' });
    if (identity === 'discourse') {
      box.append(el('div', { class: 'text-sm', id: 'forum-name', role: 'status' }));
    } else {
      box.append(
        el('label', { class: 'text-sm', for: 'signin' }, ['Sign in as']),
        el('select', { id: 'signin' }, [el('option', { value: '' }, ['Signed out'])]),
      );
    }
    box.append(el('button', { class: 'toggle', id: 'theme-toggle', type: 'button', 'aria-pressed': 'false' }, ['Dark mode']));
    // The partner's notifications (on Discourse, the forum's own: DiscourseBackend has the bell);
    // opening one shows it in the page's feed or Q&A box (see below).
    box.append(el('confab-notifications', { theme: 'auto' }));
    return box;
  }

  function header(page, identity, ownNav) {
    var brand = el('div', { class: 'brand text-lg' }, ['ACME ', el('span', {}, ['Partner']), ' Portal']);
    var left = el('div', { class: 'flex items-center gap-4' }, [brand, ownNav || portalNav(page)]);
    return el('header', { class: 'topbar px-4 py-2 flex items-center justify-between' }, [left, account(identity)]);
  }

  function sidebar(page) {
    var links = PAGES.map(function (p) {
      return el('a', p.href === page ? { href: p.href, 'aria-current': 'page' } : { href: p.href }, [p.label]);
    });
    return el('aside', { class: 'sidebar card rounded shadow p-2', 'aria-label': 'Demo pages' }, links);
  }

  function setupTheme() {
    var button = document.getElementById('theme-toggle');
    function apply(dark) {
      root.dataset.theme = dark ? 'dark' : 'light';
      button.setAttribute('aria-pressed', String(dark));
      button.textContent = dark ? 'Light mode' : 'Dark mode';
    }
    apply(root.dataset.theme === 'dark');
    button.addEventListener('click', function () {
      var dark = root.dataset.theme !== 'dark';
      localStorage.setItem('acme-theme', dark ? 'dark' : 'light');
      apply(dark);
    });
  }

  // A notification whose thread or question this page cannot show opens on the community page,
  // which reads #open=kind/id[/post] (portal.js).
  document.addEventListener('confab-notification-open', function (event) {
    if (document.querySelector('confab-forum-feed, confab-qa-box')) return;
    var target = event.detail.notification.target;
    event.preventDefault();
    location.href = 'index.html#open=' + [target.kind, target.id, target.postId].filter(Boolean).map(encodeURIComponent).join('/');
  });

  function render() {
    var body = document.body;
    var page = currentPage();
    var ownNav = body.querySelector('nav[data-chrome-nav]');
    body.prepend(header(page, body.dataset.identity || 'demo', ownNav));
    var layout = body.querySelector('.layout');
    if (layout) layout.prepend(sidebar(page));
    setupTheme();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('readystatechange', function once() {
      document.removeEventListener('readystatechange', once);
      render();
    });
  } else {
    render();
  }
})();
