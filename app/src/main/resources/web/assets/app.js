// The shell: who is signed in, the top bar, and a hash router. Each page module registers its
// routes with route(pattern, render); render(main, params, session) fills <main>.
import { api, setCsrf } from './api.js';
import { h, mount, problemBanner } from './dom.js';

const routes = [];
let session = null;

/**
 * Registers a page. `pattern` is a hash path such as '/chat/:id'; `options.admin` marks pages for
 * org or workspace admins (listed under Admin), `options.public` pages that need no session.
 */
export function route(pattern, render, options = {}) {
  const names = [];
  const regex = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, n) => { names.push(n); return '([^/?]+)'; }) + '$');
  routes.push({ pattern, regex, names, render, ...options });
}

/** The signed-in user: { principal, name, orgAdmin, workspaces: [{id, name, role}], csrf }. */
export function currentSession() { return session; }

/** True when the user administers at least one workspace or the organization. */
export function isAdmin(s = session) {
  return !!s && (s.orgAdmin || (s.workspaces || []).some((w) => w.role === 'workspace_admin'));
}

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

export async function refreshSession() {
  try {
    // Ask first whether the (HttpOnly) cookie names a session at all, so a signed-out visit is
    // neither a failed sign-in in the audit trail nor a 401 in the console.
    const options = await api.get('/auth/options');
    if (!options.session) throw Object.assign(new Error('signed out'), { status: 401 });
    session = await api.get('/api/session');
    setCsrf(session.csrf);
  } catch (e) {
    if (e.status !== 401) throw e;
    session = null;
    setCsrf(null);
  }
  paintTopbar();
  return session;
}

function paintTopbar() {
  document.getElementById('nav').hidden = !session;
  document.getElementById('who').hidden = !session;
  document.getElementById('nav-admin').hidden = !isAdmin();
  document.getElementById('who-name').textContent = session ? (session.name || session.principal) : '';
}

function parse() {
  const raw = location.hash.replace(/^#/, '') || '/chat';
  const [path, qs] = raw.split('?');
  return { path, query: new URLSearchParams(qs || '') };
}

async function render() {
  const main = document.getElementById('main');
  const { path, query } = parse();
  const match = routes.map((r) => ({ r, m: r.regex.exec(path) })).find((x) => x.m);
  if (!session && !(match && match.r.public)) {
    const back = location.hash && !location.hash.startsWith('#/signin') ? location.hash : '#/chat';
    sessionStorage.setItem('stratum.after-sign-in', back);
    location.replace('#/signin');
    return;
  }
  for (const a of document.querySelectorAll('[data-nav]')) {
    const on = path.startsWith('/' + a.dataset.nav);
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (!match) {
    mount(main, h('h1', {}, 'Not found'), h('p', {}, 'No page at ', h('code', {}, path), '. ', h('a', { href: '#/chat' }, 'Go to chat'), '.'));
    document.title = 'Not found · Stratum';
    return;
  }
  const params = {};
  match.r.names.forEach((n, i) => { params[n] = decodeURIComponent(match.m[i + 1]); });
  params.query = query;
  // Each render draws into its own element: a page still waiting on the server when the user
  // moves on then fills a detached element instead of overwriting the page that replaced it.
  const view = h('div', { class: 'view' });
  mount(main, view);
  try {
    await match.r.render(view, params, session);
  } catch (e) {
    if (!view.isConnected) return;
    // a fault of the page itself, not a problem from the API: say so, and leave the trace
    if (!e.status && e.status !== 0) console.error(e);
    mount(view, problemBanner(e.title ? e : { title: 'This page failed', detail: String(e.message || e) }));
  }
}

/** After signing in: back to where the user was going. */
export function afterSignIn() {
  const back = sessionStorage.getItem('stratum.after-sign-in') || '#/chat';
  sessionStorage.removeItem('stratum.after-sign-in');
  navigate(back);
}

async function signOut() {
  try { await api.del('/api/session'); } catch { /* already gone */ }
  session = null;
  setCsrf(null);
  paintTopbar();
  navigate('#/signin');
}

async function boot() {
  api.onUnauthorized = () => {
    if (session) { session = null; paintTopbar(); location.replace('#/signin'); }
  };
  document.getElementById('sign-out').addEventListener('click', signOut);
  // Page modules are loaded here so a failure in one does not stop the shell.
  const modules = ['./signin.js', './chat.js', './documents.js', './admin.js'];
  const loaded = await Promise.allSettled(modules.map((m) => import(m)));
  loaded.forEach((r, i) => { if (r.status === 'rejected') console.error('page module ' + modules[i], r.reason); });
  await refreshSession();
  window.addEventListener('hashchange', render);
  await render();
}

boot();
