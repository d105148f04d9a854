// What the admin pages share: the layout with its sub-navigation, the "not an administrator" page,
// the workspaces a user administers, confirmation dialogs and small table and form helpers.
import { api } from './api.js';
import { h, mount, field, problemBanner } from './dom.js';

export const SECTIONS = [
  { path: '/admin/workspaces', label: 'Workspaces' },
  { path: '/admin/tokens', label: 'Tokens' },
  { path: '/admin/spend', label: 'Budgets & spend' },
  { path: '/admin/sources', label: 'Sources' },
  { path: '/admin/audit', label: 'Audit' },
  { path: '/admin/models', label: 'Models' },
];

/** The workspace role that administers a workspace (Role.WORKSPACE_ADMIN's id). */
export const WORKSPACE_ADMIN = 'workspace_admin';
export const ROLES = ['viewer', 'member', WORKSPACE_ADMIN];
export const ROLE_LABELS = { viewer: 'Viewer', member: 'Member', workspace_admin: 'Workspace admin' };

/**
 * Fills main with the admin layout: the sub-navigation, the page title and the page's content.
 * Returns the content element so the page can fill it in as its data arrives.
 */
export function adminLayout(main, active, title, ...intro) {
  document.title = title + ' · Admin · Stratum';
  const content = h('div', { class: 'admin-content' });
  mount(main,
    h('div', { class: 'admin' },
      h('nav', { class: 'subnav', 'aria-label': 'Administration' },
        h('p', { class: 'subnav-title', 'aria-hidden': 'true' }, 'Admin'),
        h('ul', {},
          SECTIONS.map((s) => h('li', {},
            h('a', { href: '#' + s.path, 'aria-current': s.path === active ? 'page' : null }, s.label))))),
      h('section', { class: 'admin-main', 'aria-labelledby': 'admin-title' },
        h('header', { class: 'admin-head' },
          h('h1', { id: 'admin-title' }, title),
          intro.length ? h('p', { class: 'muted lead' }, intro) : null),
        content)));
  return content;
}

/** The page a signed-in user who administers nothing gets at an admin URL. */
export function notAdministrator(main) {
  document.title = 'Not an administrator · Stratum';
  mount(main,
    h('div', { class: 'center panel not-admin', role: 'alert' },
      h('h1', {}, 'You are not an administrator'),
      h('p', {}, 'The admin pages are for workspace administrators and organization administrators. ',
        'Your account can ask and read in its workspaces, but not manage them.'),
      h('p', {}, 'If you need to manage a workspace, ask an organization administrator to make you its workspace admin.'),
      h('p', {}, h('a', { class: 'btn', href: '#/chat' }, 'Back to chat'))));
}

/** A section of an admin page: a panel with a heading and its content. */
export function panel(title, ...children) {
  const id = 'p-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return h('section', { class: 'panel admin-panel', 'aria-labelledby': id },
    h('h2', { id }, title), children);
}

/** A loading line, replaced when the data arrives. */
export function loading(what) {
  return h('p', { class: 'muted loading', role: 'status' }, 'Loading ' + what + '…');
}

/**
 * Runs a page's async step, showing its error in `slot` instead of leaving the page half drawn.
 * Returns the result, or undefined when it failed.
 */
export async function attempt(slot, fn) {
  try {
    return await fn();
  } catch (e) {
    mount(slot, problemBanner(e));
    return undefined;
  }
}

/** The workspaces `session` administers: all of them for an org admin. [{id, name, role, global}] */
export async function adminWorkspaces(session) {
  if (session.orgAdmin) {
    const all = await api.get('/api/workspaces');
    const roles = new Map((session.workspaces || []).map((w) => [w.id, w.role]));
    return all.workspaces.map((w) => ({ ...w, role: roles.get(w.id) || 'org_admin' }));
  }
  return (session.workspaces || []).filter((w) => w.role === WORKSPACE_ADMIN);
}

/** A table with a caption (for screen readers), headers and rows of cells. */
export function table(caption, headers, rows, options = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: options.class || null },
      h('caption', { class: options.showCaption ? null : 'sr-only' }, caption),
      h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col', class: numeric(t) ? 'num' : null }, t)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, class: 'muted empty' }, options.empty || 'Nothing yet.')))));
}

const NUMERIC = /^(Calls|Cost|Tokens|Documents|Share|Spend|Members|Monthly cap|Input \$|Output \$|Max output)/;
function numeric(header) { return NUMERIC.test(header); }

/** A table cell right-aligned for numbers. */
export function num(value) { return h('td', { class: 'num' }, value); }

/**
 * Asks for confirmation in a modal dialog. With `typeToConfirm`, the confirm button stays off until
 * that text is typed. Resolves true when confirmed.
 */
export function confirmDialog({ title, message, confirmLabel, typeToConfirm }) {
  return new Promise((resolve) => {
    const input = typeToConfirm ? h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' }) : null;
    const ok = h('button', { type: 'submit', class: 'danger', value: 'ok', disabled: !!typeToConfirm }, confirmLabel);
    const titleId = 'dlg-' + Math.random().toString(36).slice(2, 8);
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
      h('form', { method: 'dialog' },
        h('h2', { id: titleId }, title),
        h('p', {}, message),
        input ? h('div', { class: 'field' },
          h('label', { for: (input.id = titleId + '-c') }, 'Type ', h('code', {}, typeToConfirm), ' to confirm'),
          input) : null,
        h('div', { class: 'row end' },
          h('button', { type: 'submit', class: 'secondary', value: 'cancel' }, 'Cancel'),
          ok)));
    if (input) input.addEventListener('input', () => { ok.disabled = input.value.trim() !== typeToConfirm; });
    const opener = document.activeElement;
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
    (input || dialog.querySelector('button.secondary')).focus();
  });
}

/**
 * Wires a form: on submit, disables its buttons, runs `action`, and shows a failure as a problem
 * banner at the top of the form (cleared on the next try).
 */
export function onSubmit(form, action) {
  const slot = h('div', { class: 'form-error' });
  form.prepend(slot);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    slot.replaceChildren();
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await action(new FormData(form));
    } catch (e) {
      mount(slot, problemBanner(e));
    } finally {
      buttons.forEach((b) => { if (b.isConnected) b.disabled = false; });
    }
  });
  return form;
}

/**
 * A one-row form that creates something named by an id: the id (matching `idPattern`), a display
 * name and one yes/no `option` ({name, label}); `create({id, name, [option.name]})` does the call.
 */
export function idNameForm({ idPattern, idHint, nameHint, option, button, secondary, create }) {
  const id = h('input', { name: 'id', required: true, pattern: idPattern, maxlength: 64, autocomplete: 'off', spellcheck: 'false' });
  const name = h('input', { name: 'name', maxlength: 200, autocomplete: 'off' });
  const box = h('input', { type: 'checkbox', name: option.name, id: 'opt-' + option.name });
  const form = h('form', { class: 'inline-form' },
    field('Id', id, idHint),
    field('Name', name, nameHint),
    h('div', { class: 'field check' }, box, h('label', { for: box.id }, option.label)),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: secondary ? 'secondary' : null }, button)));
  onSubmit(form, async () => {
    await create({ id: id.value.trim(), name: name.value.trim() || undefined, [option.name]: box.checked });
    form.reset();
  });
  return form;
}

/** A <select> of options [{value, label}] (or strings) with `selected` chosen. */
export function select(name, options, selected, attrs = {}) {
  return h('select', { name, ...attrs },
    options.map((o) => {
      const value = typeof o === 'string' ? o : o.value;
      const label = typeof o === 'string' ? o : o.label;
      return h('option', { value, selected: value === selected }, label);
    }));
}

/** "3 minutes ago", "2 days ago": for recent times next to the exact one in a title. */
export function ago(iso) {
  if (!iso) return '—';
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  const units = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]];
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(-Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** A link to another admin page with query parameters. */
export function adminHref(path, params = {}) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  const s = q.toString();
  return '#' + path + (s ? '?' + s : '');
}
