// Admin › Sources: the configured sources the caller may sync (GET /api/sources: each with its
// schedule, last job and next run, and a Sync now button that follows its job through
// GET /api/jobs/{id} until it ends); then what is ingested per workspace (each source, its kind,
// documents and last ingest) and, for org admins, each source's last ingest run from the audit trail
// (`source.ingested`: scanned, added, updated, removed, problems).
import { api } from './api.js';
import { h, mount, field, formatTime, problemBanner, toast } from './dom.js';
import { navigate } from './app.js';
import { adminLayout, adminWorkspaces, adminHref, panel, loading, attempt, table, num, select, ago } from './admin-ui.js';

export async function sourcesPage(main, params, session) {
  const content = adminLayout(main, '/admin/sources', 'Sources',
    'The sources configured on the server (stratum_sources), synced on their schedule or now, and what each workspace has ingested. ',
    h('code', {}, 'stratum ingest'), ' queues the same jobs.');
  content.append(loading('workspaces'));
  const all = await attempt(content, () => adminWorkspaces(session));
  if (!all) return;
  const only = params.query.get('ws');
  const workspaces = only ? all.filter((w) => w.id === only) : all;
  const totals = h('div', {});
  const configured = h('div', {}, loading('configured sources'));
  const sections = workspaces.map((w) => ({ w, slot: h('div', {}, loading('sources of ' + w.id)) }));
  mount(content,
    panel('Configured sources', configured),
    filter(all, only),
    totals,
    sections.map(({ w, slot }) => panel(w.name || w.id, slot)));
  const res = await attempt(configured, () => api.get('/api/sources'));
  if (res) {
    mount(configured,
      table('Configured sources', ['Source', 'Kind', 'Workspace', 'Every', 'Last job', 'Next run', 'Action'],
        res.sources.map(sourceRow), { empty: 'No sources are configured (stratum_sources), or none you administer.' }),
      h('p', { class: 'hint' }, 'Every server runs jobs and the schedule; a job runs on one of them. ',
        h('code', {}, 'stratum jobs'), ' lists every job.'));
  }

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

function sourceRow(s) {
  const last = h('td', { 'aria-live': 'polite' }, jobCell(s.lastJob));
  const button = h('button', { type: 'button', class: 'secondary small-btn', 'aria-label': 'Sync now: ' + s.source }, 'Sync now');
  button.addEventListener('click', () => syncNow(s, button, last));
  return h('tr', { 'data-source': s.id },
    h('td', {}, h('code', { class: 'wrap' }, s.source)),
    h('td', {}, h('span', { class: 'badge' }, s.kind)),
    h('td', {}, s.workspace || h('span', { class: 'muted' }, 'by directory')),
    h('td', {}, every(s.intervalSeconds)),
    last,
    h('td', { title: formatTime(s.nextRunAt) }, soon(s.nextRunAt)),
    h('td', {}, button));
}

/** Queues a sync and shows its job in `cell` as it moves, polling until it has ended. */
async function syncNow(s, button, cell) {
  button.disabled = true;
  try {
    let job = await api.post('/api/sources/' + api.enc(s.id) + '/sync');
    mount(cell, jobCell(job));
    while (!job.finished) {
      await new Promise((done) => setTimeout(done, 1000));
      job = await api.get('/api/jobs/' + api.enc(job.id));
      mount(cell, jobCell(job));
    }
    toast('Sync of ' + s.source + ': ' + job.state.replace('_', ' ') + '.');
  } catch (e) {
    mount(cell, problemBanner(e));
  } finally {
    button.disabled = false;
  }
}

const STATES = { success: 'ok', partial_success: 'warn', failed: 'warn', dead: 'bad' };

function jobCell(j) {
  if (!j) return h('span', { class: 'muted' }, 'never run');
  const at = j.finishedAt || j.startedAt || j.createdAt;
  const c = j.counts;
  const what = j.state === 'queued'
    ? 'waiting for a server to take it'
    : `${c.seen}/${c.total} seen · ${c.added} added · ${c.updated} updated · ${c.deleted} removed` + (c.failed ? ` · ${c.failed} failed` : '');
  return h('div', { class: 'run', 'data-job': j.id },
    h('span', { class: 'badge job-state ' + (STATES[j.state] || '') }, j.state.replace('_', ' ')), ' ',
    h('span', { title: formatTime(at) }, ago(at)),
    j.attempts > 1 ? h('span', { class: 'small muted' }, ' · attempt ' + j.attempts + ' of ' + j.maxAttempts) : null,
    h('div', { class: 'small muted' }, what + (j.node ? ' · on ' + j.node : '')),
    j.error ? h('div', { class: 'small' }, j.error) : null);
}

function every(seconds) {
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60]]) {
    if (seconds % size === 0) return 'every ' + seconds / size + ' ' + unit;
  }
  return 'every ' + seconds + ' s';
}

function soon(iso) {
  return new Date(iso).getTime() <= Date.now() + 30000 ? 'due now' : ago(iso);
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
