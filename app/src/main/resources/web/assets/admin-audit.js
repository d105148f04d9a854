// Admin › Audit: the audit trail, newest first, filtered by actor, workspace, action, model, outcome
// and time range, paged by cursor ("Older"); each record opens to its full content (the body when the
// reader may see it); org admins verify the hash chain and its signed checkpoints.
import { api } from './api.js';
import { h, mount, field, problemBanner, formatTime, formatUsd } from './dom.js';
import { navigate } from './app.js';
import { adminLayout, adminWorkspaces, adminHref, panel, attempt, select, loading } from './admin-ui.js';

const PAGE = 50;
/** With a server that lists oldest first, at most this many records are read to find the newest. */
const MAX_SCAN = 20000;
const FILTERS = ['principal', 'workspace', 'action', 'model', 'outcome', 'since', 'until'];
const OUTCOMES = ['success', 'refused', 'failure', 'denied'];
const ACTIONS = [
  'chat.*', 'chat.answer', 'search', 'document.read', 'conversation.started', 'conversation.read',
  'budget.*', 'budget.alert', 'budget.set', 'spend.read', 'token.*', 'token.issued', 'token.revoked',
  'member.*', 'member.added', 'member.role_changed', 'member.removed', 'principal.created',
  'workspace.*', 'workspace.created', 'workspace.deleted', 'workspace.prompt_changed',
  'workspace.tiers_changed', 'workspace.global_changed', 'source.ingested', 'sources.read',
  'audit.read', 'auth.failed', 'mcp.tool_called', 'metrics.read',
];

export async function auditPage(main, params, session) {
  const content = adminLayout(main, '/admin/audit', 'Audit trail',
    session.orgAdmin ? 'Every action, hash-chained and signed at checkpoints.' : 'The records of the workspaces you administer.');
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.query.get(f) || '']));
  const workspaces = await adminWorkspaces(session).catch(() => []);
  const verifySlot = h('div', { 'aria-live': 'polite' });
  const list = h('div', {}, loading('records'));
  mount(content,
    session.orgAdmin ? chainPanel(verifySlot) : null,
    panel('Records', filterForm(filters, workspaces), list));
  await records(list, filters);
}

function chainPanel(slot) {
  const button = h('button', { type: 'button', class: 'secondary' }, 'Verify chain');
  button.addEventListener('click', async () => {
    button.disabled = true;
    mount(slot, h('p', { class: 'muted', role: 'status' }, 'Verifying every record and checkpoint…'));
    try {
      const r = await api.post('/api/audit/verify');
      mount(slot, r.verified
        ? h('div', { class: 'banner ok', role: 'status' }, h('strong', {}, 'Chain verified: '),
          `verified ${plural(r.records, 'record')}, ${plural(r.checkpoints, 'checkpoint')}.`,
          r.gaps ? h('div', { class: 'small' }, r.detail) : null)
        : h('div', { class: 'banner error', role: 'alert' }, h('strong', {}, 'The chain does not verify. '), r.detail || '',
          ` (${plural(r.records, 'record')}, ${plural(r.checkpoints, 'checkpoint')} checked)`));
    } catch (e) {
      mount(slot, problemBanner(e));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'panel admin-panel chain', 'aria-labelledby': 'p-chain' },
    h('div', { class: 'row spread' },
      h('div', {}, h('h2', { id: 'p-chain' }, 'Chain status'),
        h('p', { class: 'muted small' }, 'Recomputes every record\'s hash and checks each signed checkpoint.')),
      button),
    slot);
}

function plural(n, what) {
  return Number(n).toLocaleString() + ' ' + what + (Number(n) === 1 ? '' : 's');
}

function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function filterForm(f, workspaces) {
  const text = (name, attrs = {}) => h('input', { name, value: f[name], autocomplete: 'off', spellcheck: 'false', maxlength: 200, ...attrs });
  const actions = h('datalist', { id: 'audit-actions' }, ACTIONS.map((a) => h('option', { value: a })));
  const form = h('form', { class: 'filters audit-filters', role: 'search', 'aria-label': 'Filter the audit trail' },
    field('Actor', text('principal', { placeholder: 'principal id' })),
    field('Workspace', select('workspace', [{ value: '', label: 'Any' }, ...workspaces.map((w) => ({ value: w.id, label: w.name || w.id }))], f.workspace)),
    field('Action', text('action', { list: 'audit-actions', placeholder: 'e.g. chat.* or token.issued' })),
    field('Model', text('model', { placeholder: 'e.g. openai.gpt-5.5' })),
    field('Outcome', select('outcome', [{ value: '', label: 'Any' }, ...OUTCOMES], f.outcome)),
    field('Since', h('input', { type: 'datetime-local', name: 'since', value: localInput(f.since) })),
    field('Until', h('input', { type: 'datetime-local', name: 'until', value: localInput(f.until) })),
    h('div', { class: 'field buttons' },
      h('button', { type: 'submit' }, 'Apply'),
      h('a', { href: '#/admin/audit', class: 'btn secondary' }, 'Clear')),
    actions);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const q = {};
    for (const k of FILTERS) {
      const v = String(data.get(k) || '').trim();
      if (!v) continue;
      q[k] = k === 'since' || k === 'until' ? new Date(v).toISOString() : v;
    }
    navigate(adminHref('/admin/audit', q));
  });
  return form;
}

/**
 * Pages through the records matching `filters`, newest first. Asks the server for `order=desc`; a
 * server that lists oldest first regardless is read to its end (at most MAX_SCAN records) and paged
 * here. The outcome is matched here too, for a server that does not filter by it.
 */
class Feed {
  constructor(filters) {
    this.query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    this.outcome = filters.outcome;
    this.cursor = null;
    this.more = true;
    this.buffer = null;
    this.truncated = false;
  }

  async next() {
    if (!this.buffer) {
      const q = new URLSearchParams(this.query);
      q.set('order', 'desc');
      q.set('limit', String(PAGE));
      if (this.cursor) q.set('cursor', this.cursor);
      const res = await api.get('/api/audit?' + q);
      const r = res.records;
      if (r.length > 1 && r[0].seq < r[r.length - 1].seq) {
        await this.readAll(q, r, res.nextCursor);
      } else {
        this.cursor = res.nextCursor;
        this.more = !!res.nextCursor;
        return this.keep(r);
      }
    }
    const page = this.buffer.splice(0, PAGE);
    this.more = this.buffer.length > 0;
    return this.keep(page);
  }

  async readAll(q, first, next) {
    const all = first.slice();
    let cursor = next;
    q.set('limit', '1000');
    while (cursor && all.length < MAX_SCAN) {
      q.set('cursor', cursor);
      const res = await api.get('/api/audit?' + q);
      all.push(...res.records);
      cursor = res.nextCursor;
    }
    this.truncated = !!cursor;
    this.buffer = all.reverse();
  }

  keep(records) {
    return this.outcome ? records.filter((r) => r.outcome === this.outcome) : records;
  }
}

async function records(slot, filters) {
  const feed = new Feed(filters);
  const tbody = h('tbody', {});
  const more = h('button', { type: 'button', class: 'secondary' }, 'Older');
  const status = h('p', { class: 'muted small', role: 'status' });
  let shown = 0;
  const load = async () => {
    more.disabled = true;
    const page = await feed.next();
    page.forEach((r) => tbody.append(...recordRows(r)));
    shown += page.length;
    status.textContent = shown === 0
      ? (feed.more ? 'No matching record on this page; look at older ones.' : 'No record matches these filters.')
      : `Showing ${shown.toLocaleString()} record${shown === 1 ? '' : 's'}, newest first` + (feed.more ? '.' : '; that is all of them.')
        + (feed.truncated ? ` Over ${MAX_SCAN.toLocaleString()} records match: narrow the time range to reach the newest.` : '');
    more.hidden = !feed.more;
    more.disabled = false;
  };
  more.addEventListener('click', () => load().catch((e) => status.replaceChildren(problemBanner(e))));
  const t = h('div', { class: 'table-wrap' },
    h('table', { class: 'audit' },
      h('caption', { class: 'sr-only' }, 'Audit records, newest first'),
      h('thead', {}, h('tr', {}, ['', 'Time', 'Action', 'Outcome', 'Actor', 'Workspace', 'Summary'].map((c) => h('th', { scope: 'col' }, c ? c : h('span', { class: 'sr-only' }, 'Details'))))),
      tbody));
  const ok = await attempt(slot, async () => { await load(); return true; });
  if (!ok) return;
  mount(slot, t, h('div', { class: 'row spread pager' }, status, more));
}

const OUTCOME_BADGE = { success: 'ok', refused: 'warn', failure: 'bad', denied: 'bad' };

function recordRows(r) {
  const id = 'audit-' + r.seq;
  const toggle = h('button', { type: 'button', class: 'expander', 'aria-expanded': 'false', 'aria-controls': id, 'aria-label': 'Details of record ' + r.seq });
  const detail = h('tr', { class: 'detail', id, hidden: true }, h('td', { colspan: 7 }, detailView(r)));
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    detail.hidden = !open;
  });
  const row = h('tr', { class: 'record' },
    h('td', { class: 'expand' }, toggle),
    h('td', { class: 'nowrap', title: r.at }, when(r.at)),
    h('td', {}, h('code', {}, r.action)),
    h('td', {}, h('span', { class: 'badge ' + (OUTCOME_BADGE[r.outcome] || '') }, r.outcome)),
    h('td', { class: 'nowrap' }, h('code', {}, r.principal)),
    h('td', {}, r.workspace ? h('code', {}, r.workspace) : h('span', { class: 'muted' }, '—')),
    h('td', { class: 'summary' }, summary(r)));
  return [row, detail];
}

/** One line that says what happened, from the metadata and (when readable) the body. */
function summary(r) {
  const m = r.metadata || {};
  const b = r.body || {};
  switch (r.action) {
    case 'chat.answer': {
      const q = b.question ? '“' + clip(b.question, 110) + '”' : (m.redacted ? 'question withheld' : '');
      const how = m.model ? [h('div', { class: 'small muted' }, m.model + (m.costUsd !== undefined ? ' · ' + formatUsd(m.costUsd) : '') + (m.latencyMs ? ' · ' + (m.latencyMs / 1000).toFixed(1) + ' s' : ''))] : [];
      const why = r.outcome !== 'success' && (m.reason || m.error || m.refusal) ? [h('div', { class: 'small muted' }, clip(m.reason || m.error || m.refusal, 160))] : [];
      return [q, ...how, ...why];
    }
    case 'search': return b.query ? '“' + clip(b.query, 110) + '”' : '';
    case 'member.added': return `${m.member} added as ${m.after}`;
    case 'member.role_changed': return `${m.member}: ${m.before} → ${m.after}`;
    case 'principal.created': return String(m.principal || '') + (m.orgAdmin ? ' (org admin)' : '') + (m.bootstrap ? ', at first start' : '');
    case 'member.removed': return String(m.member || '');
    case 'token.issued': return `for ${m.owner}` + (m.name ? ` (${m.name})` : '') + (m.expiresAt ? `, expires ${m.expiresAt === 'never' ? 'never' : formatTime(m.expiresAt)}` : '');
    case 'token.revoked': return 'token ' + String(m.tokenId || '').slice(0, 8);
    case 'budget.set': return `${m.before} → ${m.after}`;
    case 'budget.alert': return `${m.thresholdPercent} % of $${m.capUsd} reached ($${m.spentUsd} spent in ${m.month})`;
    case 'document.read': return String(m.document || '');
    case 'source.ingested': return `${m.source}: ${m.added} added, ${m.updated} updated, ${m.deleted} removed, ${m.problems} problems`;
    default: {
      if (m.reason) return String(m.reason);
      if (m.needed) return 'needed: ' + m.needed;
      return Object.entries(m).slice(0, 3).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ');
    }
  }
}

function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

function clip(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + '…' : s; }

function detailView(r) {
  const m = r.metadata || {};
  let body;
  if (r.body) body = h('pre', { class: 'json', tabindex: '0', 'aria-label': 'Body of record ' + r.seq }, JSON.stringify(r.body, null, 2));
  else if (m.redacted) body = h('p', { class: 'banner info' }, 'Body withheld: this record drew also from a workspace you may not read.');
  else body = h('p', { class: 'muted' }, 'No body: this action records metadata only.');
  return h('div', { class: 'record-detail' },
    h('dl', { class: 'kv' },
      h('dt', {}, 'Sequence'), h('dd', {}, String(r.seq)),
      h('dt', {}, 'Time'), h('dd', {}, r.at),
      h('dt', {}, 'Request id'), h('dd', {}, r.requestId ? h('code', {}, r.requestId) : '—'),
      h('dt', {}, 'Hash'), h('dd', {}, h('code', { class: 'wrap' }, r.hash)),
      h('dt', {}, 'Previous hash'), h('dd', {}, h('code', { class: 'wrap' }, r.prevHash))),
    h('div', { class: 'detail-cols' },
      h('div', {}, h('h3', {}, 'Metadata'), h('pre', { class: 'json', tabindex: '0', 'aria-label': 'Metadata of record ' + r.seq }, JSON.stringify(m, null, 2))),
      h('div', {}, h('h3', {}, 'Body'), body)));
}
