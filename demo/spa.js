// A single-page portal: nav links swap views in place (History API, no reload). Each view is a
// <template>; swapping removes the previous view's Confab elements from the DOM, and they must let
// go of everything they hold (live EventSource, timers, global listeners) when they disconnect.
import { configure } from '/dist/confab.js';

const VIEWS = ['discussions', 'qa', 'knowledge', 'certifications'];
const main = document.getElementById('view');
const nav = document.getElementById('spa-nav');

let token = null;
let userId = sessionStorage.getItem('acme-demo-user') || '';

async function fetchToken(id) {
  if (!id) return null;
  const res = await fetch(`/api/demo/token?user=${encodeURIComponent(id)}`);
  return res.ok ? (await res.json()).token : null;
}

const getToken = async ({ forceRefresh } = {}) => {
  if (!token || forceRefresh) token = await fetchToken(userId);
  return token;
};
configure({ getToken });

const viewOf = (url) => {
  const v = new URL(url, location.href).searchParams.get('view');
  return VIEWS.includes(v) ? v : VIEWS[0];
};

function show(view, { focus = true } = {}) {
  const template = document.getElementById(`view-${view}`);
  main.replaceChildren(template.content.cloneNode(true));
  main.dataset.view = view;
  document.title = `Acme Partner Portal · ${template.dataset.title}`;
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  // Move focus to the new view so keyboard and screen-reader users land on its content.
  if (focus) main.focus({ preventScroll: true });
}

nav.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-view]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  if (a.dataset.view === main.dataset.view) return;
  history.pushState({ view: a.dataset.view }, '', a.href);
  show(a.dataset.view);
});

addEventListener('popstate', () => show(viewOf(location.href)));

// A routed app opens threads and articles in its own views; here they simply open inline.
document.addEventListener('confab-auth-required', () => document.getElementById('signin').focus());

async function setupSignIn() {
  const select = document.getElementById('signin');
  try {
    const users = await (await fetch('/api/demo/users')).json();
    for (const u of users) {
      const o = document.createElement('option');
      o.value = u.id;
      o.textContent = `${u.name} · ${u.org?.name ?? 'Acme'} (${u.tier ?? 'staff'})`;
      select.append(o);
    }
  } catch {
    select.disabled = true;
  }
  select.value = userId;
  select.addEventListener('change', () => {
    userId = select.value;
    sessionStorage.setItem('acme-demo-user', userId);
    token = null;
    // A new token provider makes mounted elements reload as the new partner.
    configure({ getToken: (o) => getToken(o) });
  });
}

show(viewOf(location.href), { focus: false });
void setupSignIn();
