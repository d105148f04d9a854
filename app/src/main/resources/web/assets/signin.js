// Sign-in: an API token exchanged for a session cookie, or single sign-on when the server offers it.
import { api } from './api.js';
import { afterSignIn, currentSession, refreshSession, route } from './app.js';
import { field, h, mount } from './dom.js';

async function oidcOffered() {
  try {
    return (await api.get('/auth/options')).oidc === true;
  } catch {
    return false; // an older server, or none: token sign-in still works
  }
}

function render(main, params) {
  document.title = 'Sign in · Stratum';
  const session = currentSession();
  if (session) {
    mount(main, h('section', { class: 'center panel signin', 'aria-labelledby': 'signin-h' },
      h('h1', { id: 'signin-h' }, 'You are signed in'),
      h('p', {}, 'Signed in as ', h('strong', {}, session.name || session.principal), '.'),
      h('p', {}, h('a', { class: 'btn', href: '#/chat' }, 'Go to chat'))));
    return;
  }

  const error = params.query.get('error');
  const status = h('div', { class: 'signin-status', 'aria-live': 'assertive' },
    error ? h('div', { class: 'banner error', role: 'alert' }, h('strong', {}, 'Sign-in failed.'), ' ', error) : null);
  const token = h('input', {
    id: 'api-token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    required: true, placeholder: 'stt_…',
  });
  const submit = h('button', { type: 'submit', class: 'full' }, 'Sign in');
  const sso = h('div', { class: 'sso', hidden: true },
    h('div', { class: 'or', 'aria-hidden': 'true' }, h('span', {}, 'or')),
    h('a', { class: 'btn secondary full', href: '/auth/oidc/login' }, 'Sign in with single sign-on'));

  async function onSubmit(e) {
    e.preventDefault();
    const value = token.value.trim();
    if (!value) {
      mount(status, h('div', { class: 'banner error', role: 'alert' }, 'Paste an API token first.'));
      token.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      await api.signIn(value);
      token.value = '';
      await refreshSession();
      afterSignIn();
    } catch (err) {
      const why = err.status === 401
        ? (err.detail || 'The token is unknown, revoked or expired.')
        : (err.detail || err.title);
      mount(status, h('div', { class: 'banner error', role: 'alert' },
        h('strong', {}, err.status === 401 ? 'That token was not accepted.' : err.title), ' ', why));
      token.select();
      token.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  }

  mount(main, h('section', { class: 'center panel signin', 'aria-labelledby': 'signin-h' },
    h('h1', { id: 'signin-h' }, 'Sign in to Stratum'),
    h('p', { class: 'muted' }, 'Answers from your organization’s documents, with their sources.'),
    status,
    h('form', { onsubmit: onSubmit, novalidate: true },
      field('API token', token,
        h('span', {}, 'The demo prints one when it starts (', h('code', {}, './stratum demo'),
          '); an administrator issues one with ', h('code', {}, 'stratum admin token create'),
          '. The token is sent once and never stored by this page.')),
      submit),
    sso));
  token.focus();
  oidcOffered().then((on) => { sso.hidden = !on; });
}

route('/signin', render, { public: true });
