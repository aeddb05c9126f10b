// The portal's own script on a page without modules. The IIFE build, loaded just before, defines
// `window.confab` synchronously, so the token provider is in place before the first element fetches.
// Same sign-in switcher as portal.js (chrome.js renders it and the dark-mode toggle); a real portal signs the JWT itself.
(function () {
  'use strict';

  var token = null;
  var userId = sessionStorage.getItem('acme-demo-user') || '';

  function fetchToken(id) {
    if (!id) return Promise.resolve(null);
    return fetch('/api/demo/token?user=' + encodeURIComponent(id))
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) { return body ? body.token : null; });
  }

  // Confab asks on every request, and once more with forceRefresh after a 401.
  function getToken(options) {
    if (token && !(options && options.forceRefresh)) return Promise.resolve(token);
    return fetchToken(userId).then(function (t) { token = t; return t; });
  }

  window.confab.configure({ getToken: getToken });

  function showTier(select) {
    var option = select.selectedOptions[0];
    var match = /\((\w+)\)$/.exec(option ? option.textContent : '');
    document.getElementById('tier').textContent = userId ? (match ? match[1] : '—') : 'Signed out';
  }

  function setupSignIn() {
    var select = document.getElementById('signin');
    fetch('/api/demo/users')
      .then(function (res) { return res.json(); })
      .then(function (users) {
        users.forEach(function (u) {
          var o = document.createElement('option');
          o.value = u.id;
          o.textContent = u.name + ' · ' + ((u.org && u.org.name) || 'Acme') + ' (' + (u.tier || 'staff') + ')';
          select.append(o);
        });
      })
      .catch(function () { select.disabled = true; })
      .then(function () {
        select.value = userId;
        showTier(select);
      });
    select.addEventListener('change', function () {
      userId = select.value;
      sessionStorage.setItem('acme-demo-user', userId);
      token = null;
      showTier(select);
      // A new partner: a new token provider tells Confab to reload the elements as that partner.
      window.confab.configure({ getToken: function (o) { return getToken(o); } });
    });
  }

  document.addEventListener('confab-auth-required', function () {
    document.getElementById('signin').focus();
  });

  document.addEventListener('DOMContentLoaded', function () {
    setupSignIn();
  });
})();
