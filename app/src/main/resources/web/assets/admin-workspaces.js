// Admin › Workspaces: the list (and, for org admins, a new workspace), and one workspace's members
// and roles, system prompt, allowed model tiers and deletion.
import { api } from './api.js';
import { h, mount, field, problemBanner, toast, formatUsd } from './dom.js';
import { navigate, refreshSession, isAdmin } from './app.js';
import {
  adminLayout, adminWorkspaces, adminHref, panel, loading, attempt, table, num, confirmDialog,
  onSubmit, select, idNameForm, ROLES, ROLE_LABELS, WORKSPACE_ADMIN,
} from './admin-ui.js';

const TIERS = [
  { id: 'basic', label: 'Basic', hint: 'light work: follow-up rewrites, summaries' },
  { id: 'advanced', label: 'Advanced', hint: 'writes the answers when allowed' },
];
const MAX_PROMPT_CHARS = 8000;

export async function workspacesPage(main, params, session) {
  const content = adminLayout(main, '/admin/workspaces', 'Workspaces',
    session.orgAdmin ? 'Every workspace of the organization.' : 'The workspaces you administer.');
  const list = h('div', {}, loading('workspaces'));
  mount(content,
    session.orgAdmin ? createWorkspaceForm() : null,
    panel('All workspaces', list));
  const workspaces = await attempt(list, () => adminWorkspaces(session));
  if (!workspaces) return;
  // The details (members, tiers, cap) come per workspace; one that fails shows dashes.
  const details = await Promise.allSettled(workspaces.map((w) => api.get('/api/workspaces/' + api.enc(w.id))));
  mount(list, table('Workspaces',
    ['Workspace', 'Id', 'Members', 'Tiers', 'Monthly cap', 'Your role', ''],
    workspaces.map((w, i) => {
      const d = details[i].status === 'fulfilled' ? details[i].value : null;
      return h('tr', {},
        h('td', {}, h('a', { href: '#/admin/workspaces/' + api.enc(w.id) }, w.name || w.id),
          w.global ? [' ', h('span', { class: 'badge' }, 'global')] : null),
        h('td', {}, h('code', {}, w.id)),
        num(d ? String(d.members.length) : '—'),
        h('td', {}, d ? (d.tiers.length ? d.tiers.join(', ') : 'none') : '—'),
        num(d ? capText(d.budget) : '—'),
        h('td', {}, ROLE_LABELS[w.role] || (w.role === 'org_admin' ? 'Org admin' : w.role)),
        h('td', { class: 'actions' }, h('a', { href: '#/admin/workspaces/' + api.enc(w.id), 'aria-label': 'Manage ' + (w.name || w.id) }, 'Manage')));
    }),
    { empty: 'No workspaces yet.' }));
}

function capText(budget) {
  if (!budget || budget.monthlyCapUsd === null || budget.monthlyCapUsd === undefined) return 'no cap';
  return formatUsd(budget.monthlyCapUsd) + (budget.hardCap ? ' hard' : ' soft');
}

function createWorkspaceForm() {
  return panel('New workspace', idNameForm({
    idPattern: '[a-z0-9][a-z0-9\\-]{0,63}',
    idHint: 'Lower-case letters, digits and -; it cannot change later.',
    nameHint: 'Shown to users; the id when empty.',
    option: { name: 'global', label: 'Global (readable by everyone)' },
    button: 'Create workspace',
    create: async (body) => {
      const created = await api.post('/api/workspaces', body);
      toast('Workspace ' + created.id + ' created.');
      await refreshSession();
      navigate('#/admin/workspaces/' + api.enc(created.id));
    },
  }));
}

export async function workspacePage(main, params, session) {
  const ws = params.ws;
  const content = adminLayout(main, '/admin/workspaces', 'Workspace ' + ws);
  content.append(loading('the workspace'));
  const w = await attempt(content, () => api.get('/api/workspaces/' + api.enc(ws)));
  if (!w) return;
  document.title = (w.name || w.id) + ' · Admin · Stratum';
  main.querySelector('#admin-title').textContent = w.name || w.id;
  mount(content,
    h('p', { class: 'crumbs' },
      h('a', { href: '#/admin/workspaces' }, 'Workspaces'), ' › ', h('code', {}, w.id),
      w.global ? [' ', h('span', { class: 'badge' }, 'global')] : null,
      h('span', { class: 'crumb-links' },
        h('a', { href: adminHref('/admin/spend', { ws: w.id }) }, 'Budget & spend'),
        h('a', { href: adminHref('/admin/sources', { ws: w.id }) }, 'Sources'),
        h('a', { href: adminHref('/admin/audit', { workspace: w.id }) }, 'Audit'))),
    h('div', { class: 'admin-grid' },
      membersPanel(w, session),
      h('div', { class: 'stack' }, promptPanel(w), tiersPanel(w, session))),
    dangerPanel(w));
}

function membersPanel(w, session) {
  const body = h('div', {});
  const paint = (members) => mount(body, table('Members of ' + w.id, ['Principal', 'Role', ''],
    members.map((m) => memberRow(w, m, session, paint)), { empty: 'No members yet.' }));
  paint([...w.members].sort((a, b) => a.principal.localeCompare(b.principal)));

  const principal = h('input', { name: 'principal', required: true, maxlength: 64, pattern: '[a-z0-9][a-z0-9._@\\-]{0,63}', autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'inline-form' },
    field('Principal', principal),
    field('Role', select('role', ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })), 'member')),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Add member')));
  onSubmit(form, async (data) => {
    const who = data.get('principal').trim();
    const r = await api.put(memberPath(w.id, who), { role: data.get('role') });
    w.members = w.members.filter((m) => m.principal !== r.principal).concat({ principal: r.principal, role: r.role });
    paint([...w.members].sort((a, b) => a.principal.localeCompare(b.principal)));
    form.reset();
    toast(r.principal + ' is now ' + ROLE_LABELS[r.role].toLowerCase() + ' of ' + w.id + '.');
  });
  return panel('Members and roles', body, h('h3', {}, 'Add a member'), form);
}

function memberPath(ws, principal) {
  return '/api/workspaces/' + api.enc(ws) + '/members/' + api.enc(principal);
}

function memberRow(w, m, session, paint) {
  const status = h('div', { class: 'row-status' });
  const role = select('role', ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })), m.role,
    { 'aria-label': 'Role of ' + m.principal });
  // Applied a moment after the last change, so stepping through the options by keyboard sends one.
  let timer = null;
  role.addEventListener('change', () => { clearTimeout(timer); timer = setTimeout(applyRole, 600); });
  const applyRole = async () => {
    const before = m.role;
    if (role.value === before) return;
    if (losesAdmin(session, m, role.value) && !(await confirmDialog({
      title: 'Give up administering ' + (w.name || w.id) + '?',
      message: 'You are changing your own role to ' + ROLE_LABELS[role.value].toLowerCase() + ': you will no longer manage this workspace.',
      confirmLabel: 'Change my role',
    }))) {
      role.value = before;
      return;
    }
    try {
      const r = await api.put(memberPath(w.id, m.principal), { role: role.value });
      m.role = r.role;
      status.replaceChildren();
      toast(m.principal + ' is now ' + ROLE_LABELS[r.role].toLowerCase() + '.');
      if (m.principal === session.principal) await stillAdmin();
    } catch (e) {
      role.value = before;
      mount(status, problemBanner(e));
    }
  };
  const remove = h('button', { type: 'button', class: 'secondary small-btn', 'aria-label': 'Remove ' + m.principal + ' from ' + w.id }, 'Remove');
  remove.addEventListener('click', async () => {
    const yes = await confirmDialog({
      title: 'Remove ' + m.principal + '?',
      message: (losesAdmin(session, m, null) ? 'You are removing yourself: you will no longer manage this workspace. ' : '')
        + m.principal + ' will no longer read or ask in ' + (w.name || w.id) + '. Their conversations stay.',
      confirmLabel: 'Remove member',
    });
    if (!yes) return;
    try {
      await api.del(memberPath(w.id, m.principal));
      w.members = w.members.filter((x) => x.principal !== m.principal);
      paint(w.members);
      toast(m.principal + ' removed from ' + w.id + '.');
      if (m.principal === session.principal) await stillAdmin();
    } catch (e) {
      mount(status, problemBanner(e));
    }
  });
  return h('tr', {},
    h('td', {}, h('code', {}, m.principal), m.principal === session.principal ? [' ', h('span', { class: 'badge' }, 'you')] : null,
      m.name && m.name !== m.principal ? h('div', { class: 'small muted' }, m.name) : null),
    h('td', {}, role),
    h('td', { class: 'actions' }, remove, status));
}

/** After changing one's own membership: leaves the admin pages when one no longer administers. */
async function stillAdmin() {
  if (!isAdmin(await refreshSession())) navigate('#/chat');
}

/** True when `m` is the signed-in workspace admin (not an org admin) giving up the role. */
function losesAdmin(session, m, newRole) {
  return m.principal === session.principal && !session.orgAdmin && m.role === WORKSPACE_ADMIN && newRole !== WORKSPACE_ADMIN;
}

function promptPanel(w) {
  const text = h('textarea', { name: 'prompt', rows: 7, maxlength: MAX_PROMPT_CHARS }, w.prompt || '');
  const count = h('span', { class: 'muted small', 'aria-live': 'polite' });
  const counted = () => { count.textContent = text.value.length + ' / ' + MAX_PROMPT_CHARS; };
  text.addEventListener('input', counted);
  counted();
  const form = h('form', {},
    field('Workspace instructions', text, 'Appended to the platform prompt for every answer in this workspace.'),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Save prompt'), count));
  onSubmit(form, async (data) => {
    await api.put('/api/workspaces/' + api.enc(w.id) + '/prompt', { prompt: data.get('prompt') });
    toast('Prompt of ' + w.id + ' saved.');
  });
  return panel('System prompt', form);
}

function tiersPanel(w, session) {
  const boxes = TIERS.map((t) => {
    const box = h('input', { type: 'checkbox', name: 'tiers', value: t.id, id: 'tier-' + t.id, checked: w.tiers.includes(t.id), disabled: !session.orgAdmin });
    return h('div', { class: 'field check' }, box,
      h('label', { for: box.id }, t.label, ' ', h('span', { class: 'muted small' }, '— ' + t.hint)));
  });
  const form = h('form', {},
    h('fieldset', {}, h('legend', {}, 'Tiers this workspace may use'), boxes),
    session.orgAdmin
      ? h('button', { type: 'submit' }, 'Save tiers')
      : h('p', { class: 'hint' }, 'Only organization administrators change tiers.'));
  onSubmit(form, async (data) => {
    const r = await api.put('/api/workspaces/' + api.enc(w.id) + '/tiers', { tiers: data.getAll('tiers') });
    w.tiers = r.tiers;
    toast('Tiers of ' + w.id + ': ' + (r.tiers.join(', ') || 'none') + '.');
  });
  return panel('Allowed tiers', form);
}

function dangerPanel(w) {
  const button = h('button', { type: 'button', class: 'danger' }, 'Delete workspace…');
  const slot = h('div', {});
  button.addEventListener('click', async () => {
    const yes = await confirmDialog({
      title: 'Delete workspace ' + (w.name || w.id) + '?',
      message: 'This deletes ' + (w.name || w.id) + ' (' + w.id + ') with its documents, conversations and memberships. '
        + 'Its usage rows and audit records stay. This cannot be undone.',
      confirmLabel: 'Delete ' + w.id,
      typeToConfirm: w.id,
    });
    if (!yes) return;
    try {
      await api.del('/api/workspaces/' + api.enc(w.id));
      toast('Workspace ' + w.id + ' deleted.');
      await refreshSession();
      navigate('#/admin/workspaces');
    } catch (e) {
      mount(slot, problemBanner(e));
    }
  });
  return h('section', { class: 'panel admin-panel danger-zone', 'aria-labelledby': 'p-danger' },
    h('h2', { id: 'p-danger' }, 'Delete this workspace'),
    h('p', { class: 'muted' }, 'Deletes its documents, conversations and memberships; usage and audit records stay.'),
    slot, button);
}
