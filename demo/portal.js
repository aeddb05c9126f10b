// The portal's own script: a sign-in switcher over the demo tokens and a dark-mode toggle.
// A real portal would sign the JWT itself; here the reference server's demo endpoints stand in.
import { configure } from '/dist/confab.js';

let token = null;
let userId = sessionStorage.getItem('acme-demo-user') || '';

async function fetchToken(id) {
  if (!id) return null;
  const res = await fetch(`/api/demo/token?user=${encodeURIComponent(id)}`);
  if (!res.ok) return null;
  return (await res.json()).token;
}

// Confab asks for the token on every request and once more with forceRefresh after a 401.
configure({
  getToken: async ({ forceRefresh } = {}) => {
    if (!token || forceRefresh) token = await fetchToken(userId);
    return token;
  },
});

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
  showTier(select);
  select.addEventListener('change', async () => {
    userId = select.value;
    sessionStorage.setItem('acme-demo-user', userId);
    token = await fetchToken(userId);
    showTier(select);
    // A new partner: tell Confab the token provider changed so elements reload as that partner.
    configure({ getToken: async ({ forceRefresh } = {}) => ((!token || forceRefresh) && (token = await fetchToken(userId)), token) });
  });
}

function showTier(select) {
  const label = select.selectedOptions[0]?.textContent ?? '';
  const tier = document.getElementById('tier'); // only the dashboard shows it, not the Moderation page
  if (tier) tier.textContent = userId ? (/\((\w+)\)$/.exec(label)?.[1] ?? '—') : 'Signed out';
}

function setupTheme() {
  const button = document.getElementById('theme-toggle');
  const apply = (dark) => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    button.setAttribute('aria-pressed', String(dark));
    button.textContent = dark ? 'Light mode' : 'Dark mode';
  };
  apply(localStorage.getItem('acme-theme') === 'dark');
  button.addEventListener('click', () => {
    const dark = document.documentElement.dataset.theme !== 'dark';
    localStorage.setItem('acme-theme', dark ? 'dark' : 'light');
    apply(dark);
  });
}

document.addEventListener('confab-auth-required', () => {
  document.getElementById('signin').focus();
});

setupTheme();
void setupSignIn();
