// The portal's own script: the sign-in switcher (rendered by chrome.js) over the demo tokens.
// A real portal would sign the JWT itself; here the reference server's demo endpoints stand in.
import { configure } from '/dist/confab.js';

let token = null;
// A page may name who signs in by default (the insights page: vendor staff).
let userId = sessionStorage.getItem('acme-demo-user') || document.body.dataset.defaultUser || '';

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
  const tier = document.getElementById('tier');
  // Pages without the tier card (insights.html) show the signed-in person in the switcher only.
  if (!tier) return;
  tier.textContent = userId ? (/\((\w+)\)$/.exec(label)?.[1] ?? '—') : 'Signed out';
}

document.addEventListener('confab-auth-required', () => {
  document.getElementById('signin').focus();
});

// The Open Badges 3.0 credential on the page is this server's own, so its address depends on where the demo runs.
for (const el of document.querySelectorAll('confab-cert-badge[data-credential-path]')) {
  el.credential = new URL(el.dataset.credentialPath, location.href).href;
}

// A notification opened on a page without a feed or Q&A box comes here as #open=kind/id[/post] (chrome.js).
async function openFromHash() {
  const m = /^#open=(thread|question)\/([^/]+)(?:\/([^/]+))?$/.exec(location.hash);
  if (!m) return;
  const [, kind, id, post] = m.map((x) => x && decodeURIComponent(x));
  const tags = ['confab-forum-feed', 'confab-qa-box'];
  await Promise.all(tags.map((t) => customElements.whenDefined(t)));
  for (const el of document.querySelectorAll(tags.join(','))) {
    if (el.openItem(kind, id, post ?? null)) return el.scrollIntoView({ block: 'start' });
  }
}

void setupSignIn();
void openFromHash();
