// Admin › Tokens: issue an API token (shown once), list tokens, revoke one, one's own included (when
// it is the token this browser signed in with, the session ends with it).
import { api } from './api.js';
import { h, mount, field, problemBanner, toast, formatTime } from './dom.js';
import { navigate, refreshSession } from './app.js';
import { adminLayout, adminHref, panel, loading, attempt, table, confirmDialog, onSubmit, idNameForm, ago } from './admin-ui.js';

const MAX_DAYS = 3650;

export async function tokensPage(main, params, session) {
  const content = adminLayout(main, '/admin/tokens', 'API tokens',
    session.orgAdmin
      ? 'Tokens for scripts, MCP clients and sign-in. You can issue them for anyone and revoke any of them.'
      : 'Your tokens for scripts, MCP clients and sign-in.');
  const shown = h('div', { class: 'issued-slot' });
  const list = h('div', {}, loading('tokens'));
  const filter = params.query.get('principal') || '';
  const reload = async () => {
    const res = await attempt(list, () => api.get('/api/tokens' + (filter ? '?principal=' + api.enc(filter) : '')));
    if (!res) return;
    const tokens = [...res.tokens].sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || ''));
    mount(list, table('API tokens', ['Name', 'Principal', 'Id', 'Created', 'Expires', 'Status', ''],
      tokens.map((t) => tokenRow(t, session, reload)),
      { empty: filter ? 'No tokens for ' + filter + '.' : 'No tokens.' }));
  };
  mount(content,
    shown,
    panel('Issue a token', createForm(session, shown, reload)),
    session.orgAdmin ? panel('New principal', principalForm()) : null,
    panel('Tokens', session.orgAdmin ? filterForm(filter) : null, list));
  await reload();
}

function status(t) {
  if (t.revokedAt) return h('span', { class: 'badge bad', title: 'Revoked ' + formatTime(t.revokedAt) }, 'revoked');
  if (!t.active) return h('span', { class: 'badge warn' }, 'expired');
  return h('span', { class: 'badge ok' }, 'active');
}

function tokenRow(t, session, reload) {
  const slot = h('div', {});
  const live = t.active;
  const own = t.principal === session.principal;
  let revoke = null;
  if (live) {
    revoke = h('button', { type: 'button', class: 'secondary small-btn', 'aria-label': 'Revoke token ' + (t.name || t.id) + ' of ' + t.principal }, 'Revoke');
    revoke.addEventListener('click', async () => {
      const yes = await confirmDialog({
        title: 'Revoke token ' + (t.name ? '“' + t.name + '”' : t.id.slice(0, 8)) + '?',
        message: (own ? 'This is your own token: ' : 'Owned by ' + t.principal + ': ')
          + 'every script, client or browser session using it stops working at once.'
          + (own && session.via === 'token' ? ' If you signed in with it, you are signed out.' : ''),
        confirmLabel: 'Revoke token',
      });
      if (!yes) return;
      try {
        await api.del('/api/tokens/' + api.enc(t.id));
      } catch (e) {
        mount(slot, problemBanner(e));
        return;
      }
      if (own && !(await refreshSession())) {
        // The session rode on this token: it ended with it.
        toast('Token revoked. It was the one you signed in with, so you are signed out.');
        navigate('#/signin');
        return;
      }
      toast('Token ' + (t.name || t.id.slice(0, 8)) + ' revoked.');
      await reload();
    });
  }
  return h('tr', { class: live ? null : 'dim' },
    h('td', {}, t.name || h('span', { class: 'muted' }, 'unnamed')),
    h('td', {}, h('code', {}, t.principal), own ? [' ', h('span', { class: 'badge' }, 'you')] : null),
    h('td', {}, h('code', { title: t.id }, t.id.slice(0, 8))),
    h('td', { title: formatTime(t.createdAt) }, ago(t.createdAt)),
    h('td', {}, t.expiresAt ? formatTime(t.expiresAt) : 'never'),
    h('td', {}, status(t)),
    h('td', { class: 'actions' }, revoke, slot));
}

function createForm(session, shown, reload) {
  const principal = h('input', {
    name: 'principal', value: session.principal, required: true, maxlength: 64,
    pattern: '[a-z0-9][a-z0-9._@\\-]{0,63}', autocomplete: 'off', spellcheck: 'false',
    readonly: !session.orgAdmin,
  });
  const name = h('input', { name: 'name', maxlength: 200, placeholder: 'e.g. laptop, CI, MCP', autocomplete: 'off' });
  const days = h('input', { name: 'days', type: 'number', min: '0.001', max: String(MAX_DAYS), step: 'any', value: '90', inputmode: 'decimal' });
  const form = h('form', { class: 'inline-form' },
    field('Principal', principal, session.orgAdmin ? 'Yourself or anyone.' : 'Yourself only.'),
    field('Name', name, 'What it is for.'),
    field('Expires in (days)', days, 'Empty: never; at most ' + MAX_DAYS + '.'),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Issue token')));
  onSubmit(form, async (data) => {
    const d = data.get('days').trim();
    const issued = await api.post('/api/tokens', {
      principal: data.get('principal').trim(),
      name: data.get('name').trim(),
      expiresInDays: d === '' ? undefined : Number(d),
    });
    name.value = '';
    showOnce(shown, issued, data.get('name').trim());
    shown.querySelector('input.secret').focus();
    await reload();
  });
  return form;
}

function showOnce(slot, issued, name) {
  const box = h('input', { class: 'secret mono', readonly: true, value: issued.token, id: 'issued-token', spellcheck: 'false', autocomplete: 'off' });
  box.addEventListener('focus', () => box.select());
  const copy = h('button', { type: 'button' }, 'Copy');
  copy.addEventListener('click', async () => {
    box.select();
    try {
      await navigator.clipboard.writeText(issued.token);
      toast('Token copied to the clipboard.');
    } catch {
      toast('Copying is not allowed here: the token is selected, press Ctrl+C.');
    }
  });
  const done = h('button', { type: 'button', class: 'secondary' }, 'I have stored it');
  done.addEventListener('click', () => slot.replaceChildren());
  mount(slot, h('section', { class: 'panel issued', 'aria-labelledby': 'issued-title' },
    h('h2', { id: 'issued-title' }, 'Token issued for ', h('code', {}, issued.principal), name ? ' — ' + name : ''),
    h('div', { class: 'banner warn', role: 'alert' },
      h('strong', {}, 'Copy it now: it is shown only this once.'),
      ' Stratum keeps only its hash, so nobody can show it to you again. Treat it like a password.'),
    h('div', { class: 'field' },
      h('label', { for: 'issued-token' }, 'New API token'),
      h('div', { class: 'row nowrap' }, box, copy)),
    h('p', { class: 'hint' }, issued.expiresAt ? 'Expires ' + formatTime(issued.expiresAt) + '.' : 'Never expires.', ' Id ', h('code', {}, issued.id), '.'),
    done));
}

function filterForm(current) {
  const principal = h('input', { name: 'principal', value: current, maxlength: 64, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'inline-form filters', role: 'search' },
    field('Principal', principal),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'secondary' }, 'Filter')),
    current ? h('div', { class: 'field' }, h('a', { href: '#/admin/tokens' }, 'Show all')) : null);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    navigate(adminHref('/admin/tokens', { principal: principal.value.trim() }));
  });
  return form;
}

function principalForm() {
  return idNameForm({
    idPattern: '[a-z0-9][a-z0-9._@\\-]{0,63}',
    idHint: 'Lower-case letters, digits and . _ @ -',
    nameHint: 'Shown in the top bar; the id when empty.',
    option: { name: 'orgAdmin', label: 'Organization administrator' },
    button: 'Create principal',
    secondary: true,
    create: async (body) => {
      const p = await api.post('/api/principals', body);
      toast('Principal ' + p.id + ' created. Add them to a workspace under Workspaces, and issue them a token.');
    },
  });
}
