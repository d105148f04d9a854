// Admin › Sources: what is ingested per workspace (each source, its kind, documents and last ingest)
// and, for org admins, each source's last ingest run from the audit trail (`source.ingested`:
// scanned, added, updated, removed, problems).
import { api } from './api.js';
import { h, mount, field, formatTime } from './dom.js';
import { navigate } from './app.js';
import { adminLayout, adminWorkspaces, adminHref, panel, loading, attempt, table, num, select, ago } from './admin-ui.js';

export async function sourcesPage(main, params, session) {
  const content = adminLayout(main, '/admin/sources', 'Sources',
    'What each workspace has ingested. Sources are configured on the server (stratum_sources) and run by ',
    h('code', {}, 'stratum ingest'), '.');
  content.append(loading('workspaces'));
  const all = await attempt(content, () => adminWorkspaces(session));
  if (!all) return;
  const only = params.query.get('ws');
  const workspaces = only ? all.filter((w) => w.id === only) : all;
  const totals = h('div', {});
  const sections = workspaces.map((w) => ({ w, slot: h('div', {}, loading('sources of ' + w.id)) }));
  mount(content,
    filter(all, only),
    totals,
    sections.map(({ w, slot }) => panel(w.name || w.id, slot)),
    h('p', { class: 'hint' },
      'Sync now is not available from the browser: the HTTP API has no endpoint to start an ingest. ',
      'Run ', h('code', {}, 'stratum ingest'), ' on the server, or let its schedule run.'));

  // Org admins also see each source's last run; the runs are recorded without a workspace.
  const runs = session.orgAdmin ? await lastRuns() : new Map();
  if (session.orgAdmin) {
    try {
      const health = await api.get('/healthz');
      mount(totals, h('dl', { class: 'stats compact' },
        h('div', { class: 'stat' }, h('dt', {}, 'Documents'), h('dd', {}, h('span', { class: 'stat-value' }, health.documents.toLocaleString()), h('span', { class: 'stat-note' }, 'in every workspace'))),
        h('div', { class: 'stat' }, h('dt', {}, 'Chunks'), h('dd', {}, h('span', { class: 'stat-value' }, health.chunks.toLocaleString()), h('span', { class: 'stat-note' }, 'indexed for retrieval')))));
    } catch { /* the counts are a bonus */ }
  }
  await Promise.all(sections.map(async ({ w, slot }) => {
    const res = await attempt(slot, () => api.get('/api/workspaces/' + api.enc(w.id) + '/sources'));
    if (!res) return;
    const headers = ['Source', 'Kind', 'Documents', 'Last ingested'];
    if (session.orgAdmin) headers.push('Last run');
    mount(slot, table('Sources of ' + w.id, headers,
      res.sources.map((s) => h('tr', {},
        h('td', {}, h('code', { class: 'wrap' }, s.source)),
        h('td', {}, h('span', { class: 'badge' }, s.kind)),
        num(s.documents.toLocaleString()),
        h('td', { title: formatTime(s.lastIngested) }, ago(s.lastIngested)),
        session.orgAdmin ? h('td', {}, run(runs.get(s.source))) : null)),
      { empty: 'Nothing ingested into ' + w.id + ' yet.' }),
    h('p', { class: 'hint' }, h('a', { href: adminHref('/admin/spend', { ws: w.id }) }, 'Spend'), ' · ',
      h('a', { href: adminHref('/admin/audit', { workspace: w.id }) }, 'Audit'), ' · ',
      h('a', { href: '#/admin/workspaces/' + api.enc(w.id) }, 'Members and settings')));
  }));
}

function filter(all, only) {
  const ws = select('ws', [{ value: '', label: 'All workspaces' }, ...all.map((w) => ({ value: w.id, label: w.name || w.id }))], only || '');
  ws.addEventListener('change', () => navigate(adminHref('/admin/sources', { ws: ws.value })));
  return h('div', { class: 'inline-form toolbar' }, field('Workspace', ws));
}

async function lastRuns() {
  const runs = new Map();
  try {
    const res = await api.get('/api/audit?action=source.ingested&limit=1000');
    for (const r of res.records.slice().sort((a, b) => a.seq - b.seq)) runs.set(r.metadata.source, r);
  } catch { /* shown as unknown */ }
  return runs;
}

function run(r) {
  if (!r) return h('span', { class: 'muted' }, 'not recorded');
  const m = r.metadata;
  const problems = Number(m.problems || 0);
  return h('div', { class: 'run' },
    h('span', { title: formatTime(r.at) }, ago(r.at)), ' ',
    problems ? h('span', { class: 'badge bad' }, problems + ' failed') : h('span', { class: 'badge ok' }, 'no failures'),
    h('div', { class: 'small muted' },
      `${m.scanned} scanned · ${m.added} added · ${m.updated} updated · ${m.deleted} removed`));
}
