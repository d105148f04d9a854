// Admin › Budgets & spend: one workspace's month — spend against its cap, the cap itself (hard or
// soft), the alert thresholds, a chart of spend per day and model, totals by model and principal, and
// the budget alerts fired (audit records `budget.alert`) and cap changes (`budget.set`).
import { api } from './api.js';
import { h, mount, field, toast, formatUsd, formatTime } from './dom.js';
import { navigate } from './app.js';
import { spendChart, monthName, PALETTE } from './admin-chart.js';
import {
  adminLayout, adminWorkspaces, adminHref, panel, loading, attempt, table, num, onSubmit, select,
} from './admin-ui.js';

/** Budgets.THRESHOLDS: fixed in Stratum, not configurable per workspace or globally. */
const THRESHOLDS = [50, 80, 100];
const MAX_CAP_USD = 1000000;

export async function spendPage(main, params, session) {
  const content = adminLayout(main, '/admin/spend', 'Budgets & spend');
  content.append(loading('workspaces'));
  const workspaces = await attempt(content, () => adminWorkspaces(session));
  if (!workspaces) return;
  if (!workspaces.length) { mount(content, h('p', {}, 'You administer no workspace.')); return; }
  const ws = params.query.get('ws') || workspaces[0].id;
  const month = params.query.get('month') || '';
  const body = h('div', { class: 'stack' }, loading('spend'));
  mount(content, picker(workspaces, ws, month), body);

  const path = '/api/workspaces/' + api.enc(ws);
  const spend = await attempt(body, () => api.get(path + '/spend' + (month ? '?month=' + api.enc(month) : '')));
  if (!spend) return;
  content.querySelector('input[name=month]').value = spend.month;
  const history = h('div', {}, loading('alerts'));
  const byModel = [...spend.byModel].sort((a, b) => Number(b.costUsd) - Number(a.costUsd));
  mount(body,
    summary(spend),
    panel('Spend per day — ' + monthName(spend.month), chart(spend, byModel)),
    h('div', { class: 'admin-grid' },
      panel('By model', linesTable('Spend by model', 'Model', byModel, spend.spentUsd)),
      panel('By principal', linesTable('Spend by principal', 'Principal',
        [...spend.byPrincipal].sort((a, b) => Number(b.costUsd) - Number(a.costUsd)), spend.spentUsd))),
    h('div', { class: 'admin-grid' },
      budgetPanel(ws, spend, session, reloadIfStill(location.hash, () => spendPage(main, params, session))),
      panel('Alerts and budget changes', history)));
  await budgetHistory(history, ws, spend.month);
}

/** Runs `render` unless the user has moved on to another page meanwhile. */
function reloadIfStill(hash, render) {
  return () => (location.hash === hash ? render() : undefined);
}

function picker(workspaces, ws, month) {
  const wsSelect = select('ws', workspaces.map((w) => ({ value: w.id, label: w.name || w.id })), ws);
  const monthInput = h('input', { type: 'month', name: 'month', value: month, max: currentMonth() });
  const form = h('form', { class: 'inline-form toolbar' },
    field('Workspace', wsSelect),
    field('Month (UTC)', monthInput),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'secondary' }, 'Show')));
  const go = () => navigate(adminHref('/admin/spend', { ws: wsSelect.value, month: monthInput.value }));
  wsSelect.addEventListener('change', go);
  form.addEventListener('submit', (ev) => { ev.preventDefault(); go(); });
  return form;
}

function currentMonth() { return new Date().toISOString().slice(0, 7); }

function summary(s) {
  const spent = Number(s.spentUsd);
  const cap = s.capUsd === null || s.capUsd === undefined ? null : Number(s.capUsd);
  const calls = s.byModel.reduce((n, l) => n + l.calls, 0);
  const pct = cap ? (spent / cap) * 100 : null;
  return h('section', { class: 'panel admin-panel', 'aria-label': 'Spend in ' + monthName(s.month) },
    h('dl', { class: 'stats wide' },
      stat('Spent', formatUsd(spent), monthName(s.month)),
      stat('Cap', cap === null ? 'none' : formatUsd(cap), cap === null ? 'no monthly cap' : (s.hardCap ? 'hard: refuses past it' : 'soft: alerts only')),
      stat('Used', pct === null ? '—' : pct.toFixed(pct < 10 ? 1 : 0) + ' %', 'resets ' + new Date(s.resetsOn + 'T00:00:00Z').toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' })),
      stat('Model calls', String(calls), 'answers, rewrites and summaries')),
    cap
      ? h('div', { class: 'meter-row' },
        h('label', { for: 'cap-meter', class: 'small muted' }, 'Spend against cap'),
        h('meter', { id: 'cap-meter', min: 0, max: cap, value: Math.min(spent, cap), low: cap * 0.5, high: cap * 0.8, optimum: 0 },
          formatUsd(spent) + ' of ' + formatUsd(cap)))
      : null);
}

function stat(label, value, note) {
  return h('div', { class: 'stat' }, h('dt', {}, label), h('dd', {}, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-note' }, note)));
}

function budgetPanel(ws, s, session, reload) {
  const cap = s.capUsd === null || s.capUsd === undefined ? '' : String(s.capUsd);
  const thresholds = h('p', { class: 'hint' },
    'Alerts fire at ', THRESHOLDS.map((t) => t + ' %').join(', '),
    ' of the cap, once per workspace and month, to the server log and, when ',
    h('code', {}, 'stratum_budget_webhook_url'), ' is set, to that webhook. The thresholds are fixed for every workspace.');
  if (!session.orgAdmin) {
    return panel('Budget',
      h('p', {}, cap === '' ? 'No monthly cap.' : formatUsd(cap) + ' a month, ' + (s.hardCap ? 'hard' : 'soft') + '.'),
      h('p', { class: 'hint' }, 'Only organization administrators change budgets.'),
      thresholds);
  }
  const capInput = h('input', { name: 'cap', type: 'number', min: '0', max: String(MAX_CAP_USD), step: '0.01', value: cap, inputmode: 'decimal' });
  const hard = h('input', { type: 'radio', name: 'mode', value: 'hard', id: 'mode-hard', checked: s.hardCap });
  const soft = h('input', { type: 'radio', name: 'mode', value: 'soft', id: 'mode-soft', checked: !s.hardCap });
  const form = h('form', {},
    field('Monthly cap (USD)', capInput, 'Whole cents, 0 to ' + MAX_CAP_USD.toLocaleString() + '; empty for no cap.'),
    h('fieldset', { class: 'radios' }, h('legend', {}, 'When the cap is reached'),
      h('div', { class: 'field check' }, hard, h('label', { for: 'mode-hard' }, h('strong', {}, 'Hard'), ' — refuse questions whose worst case would pass the cap')),
      h('div', { class: 'field check' }, soft, h('label', { for: 'mode-soft' }, h('strong', {}, 'Soft'), ' — keep answering, alerts only'))),
    h('button', { type: 'submit' }, 'Save budget'),
    thresholds);
  onSubmit(form, async (data) => {
    const raw = String(data.get('cap')).trim();
    const r = await api.put('/api/workspaces/' + api.enc(ws) + '/budget', {
      monthlyCapUsd: raw === '' ? null : Number(raw), hardCap: data.get('mode') === 'hard',
    });
    toast('Budget of ' + ws + ': ' + (r.monthlyCapUsd === null ? 'no cap' : formatUsd(r.monthlyCapUsd) + (r.hardCap ? ' hard' : ' soft')) + '.');
    await reload();
  });
  return panel('Budget', form);
}

/**
 * The chart's data. With `byDayAndModel` (byModel's lines, each with its `day`) the bars stack per
 * model; a server without it gives day totals only, which stack per model when one model was used.
 */
function chart(s, byModel) {
  const cells = new Map();
  let series;
  let note = null;
  if (Array.isArray(s.byDayAndModel)) {
    series = byModel.map((l, i) => ({ name: l.key, colour: PALETTE[i % PALETTE.length] }));
    for (const l of s.byDayAndModel) cells.set(Number(l.day.slice(8, 10)) + '|' + l.key, l);
  } else {
    const one = byModel.length === 1;
    series = [{ name: one ? byModel[0].key : 'All models', colour: PALETTE[0] }];
    for (const l of s.byDay) cells.set(Number(l.key.slice(8, 10)) + '|' + series[0].name, l);
    if (!one && byModel.length > 1) note = h('p', { class: 'hint' }, 'Several models were used this month; the server reports days in total, so the bars are not split by model.');
  }
  return [spendChart({ month: s.month, series, cells, title: 'Spend per day in ' + s.workspace + ', ' + monthName(s.month) }), note];
}

function linesTable(caption, what, lines, total) {
  const sum = Number(total) || 0;
  return table(caption, [what, 'Calls', 'Tokens in / out', 'Cost', 'Share'],
    lines.map((l) => h('tr', {},
      h('td', {}, l.key),
      num(l.calls.toLocaleString()),
      num(l.inputTokens.toLocaleString() + ' / ' + (l.outputTokens + (l.reasoningTokens || 0)).toLocaleString()),
      num(formatUsd(l.costUsd)),
      num(sum > 0 ? Math.round((Number(l.costUsd) / sum) * 100) + ' %' : '—'))),
    { empty: 'No spend in this month.' });
}

async function budgetHistory(slot, ws, month) {
  const res = await attempt(slot, () => api.get('/api/audit?action=' + api.enc('budget.*') + '&workspace=' + api.enc(ws) + '&limit=1000'));
  if (!res) return;
  const records = res.records.slice().sort((a, b) => b.seq - a.seq);
  const alerts = records.filter((r) => r.action === 'budget.alert' && r.metadata.month === month);
  const changes = records.filter((r) => r.action === 'budget.set').slice(0, 10);
  const fired = new Set(alerts.map((r) => Number(r.metadata.thresholdPercent)));
  mount(slot,
    h('ul', { class: 'thresholds', 'aria-label': 'Alert thresholds in ' + monthName(month) },
      THRESHOLDS.map((t) => h('li', { class: fired.has(t) ? 'fired' : null },
        h('span', { class: 'badge ' + (fired.has(t) ? (t >= 100 ? 'bad' : 'warn') : '') }, t + ' %'),
        ' ', fired.has(t) ? 'fired' : 'not reached'))),
    h('h3', {}, 'Alerts fired in ' + monthName(month)),
    table('Budget alerts in ' + monthName(month), ['When', 'Threshold', 'Spent', 'Cap'],
      alerts.map((r) => h('tr', {},
        h('td', {}, formatTime(r.at)),
        h('td', {}, r.metadata.thresholdPercent + ' %'),
        num(formatUsd(r.metadata.spentUsd)),
        num(formatUsd(r.metadata.capUsd)))),
      { empty: 'No alert fired in this month.' }),
    h('h3', {}, 'Cap changes'),
    table('Budget changes', ['When', 'By', 'Before', 'After'],
      changes.map((r) => h('tr', {},
        h('td', {}, formatTime(r.at)),
        h('td', {}, h('code', {}, r.principal)),
        h('td', {}, describe(r.metadata.before)),
        h('td', {}, describe(r.metadata.after)))),
      { empty: 'The cap has not been changed.' }),
    h('p', { class: 'hint' }, h('a', { href: adminHref('/admin/audit', { workspace: ws, action: 'budget.*' }) }, 'All budget records in the audit trail')));
}

function describe(v) {
  if (!v || v === 'none') return 'no cap';
  const [amount, hard] = String(v).split(' ');
  return formatUsd(amount) + (hard ? ' hard' : ' soft');
}
