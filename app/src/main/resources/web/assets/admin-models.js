// Admin › Models: the tiers and the models that answer in them, and the catalog: each family, the
// model ids it covers, its surfaces, whether it is validated or only routable, and its list prices.
import { api } from './api.js';
import { h, mount, field, formatTime } from './dom.js';
import { adminLayout, panel, loading, attempt, table, num } from './admin-ui.js';

const TIER_NOTES = {
  advanced: 'writes the answers, where a workspace allows it',
  basic: 'rewrites follow-ups and keeps summaries',
};

export async function modelsPage(main) {
  const content = adminLayout(main, '/admin/models', 'Models',
    'Which models answer, and what the catalog knows. Set on the server in terraform.tfvars; check them with ',
    h('code', {}, 'stratum models check'), '.');
  content.append(loading('models'));
  const m = await attempt(content, () => api.get('/api/models'));
  if (!m) return;
  const inUse = new Set((m.tiers || []).map((t) => t.family).filter(Boolean));
  const catalogSlot = h('div', {});
  const search = h('input', { type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false', placeholder: 'model id or family' });
  const paintCatalog = () => {
    const q = search.value.trim().toLowerCase();
    const rows = (m.catalog || []).filter((c) => !q || c.family.toLowerCase().includes(q) || c.ids.some((id) => id.toLowerCase().includes(q)));
    mount(catalogSlot, table('Model catalog', ['Family', 'Model ids', 'Surfaces', 'Status', 'Input $/M tokens', 'Output $/M tokens', 'Max output'],
      rows.map((c) => h('tr', { class: inUse.has(c.family) ? 'highlight' : null },
        h('td', { class: 'nowrap' }, h('strong', {}, c.family), inUse.has(c.family) ? [' ', h('span', { class: 'badge' }, 'in use')] : null),
        h('td', {}, h('ul', { class: 'plain' }, c.ids.map((id) => h('li', {}, h('code', {}, id))))),
        h('td', {}, c.surfaces.join(', ')),
        h('td', {}, statusBadge(c.status)),
        num(price(c.inputUsdPerMTok)),
        num(price(c.outputUsdPerMTok)),
        num(c.maxOutputTokens ? c.maxOutputTokens.toLocaleString() : '—'))),
      { empty: q ? 'No model matches “' + search.value + '”.' : 'The catalog is empty.' }));
  };
  search.addEventListener('input', paintCatalog);
  paintCatalog();
  mount(content,
    panel('Tiers',
      table('Model tiers', ['Tier', 'Model', 'Family', 'Surfaces'],
        (m.tiers || []).map((t) => h('tr', {},
          h('th', { scope: 'row' }, t.tier, h('div', { class: 'small muted' }, TIER_NOTES[t.tier] || '')),
          h('td', {}, h('code', {}, t.modelId)),
          h('td', {}, t.family || h('span', { class: 'muted' }, 'not in the catalog (in-process or simulated)')),
          h('td', {}, (t.surfaces || []).join(', ') || '—'))))),
    m.cleared ? panel('Cleared models', cleared(m.cleared)) : null,
    m.lastCheck ? panel('Last models check', lastCheck(m.lastCheck)) : null,
    panel('Catalog',
      h('p', { class: 'hint' }, h('span', { class: 'badge ok' }, 'validated'), ' proved against Bedrock or its simulator; ',
        h('span', { class: 'badge' }, 'routable'), ' known and routed, not yet proved.'),
      h('div', { class: 'inline-form narrow' }, field('Filter the catalog', search)),
      catalogSlot));
}

function statusBadge(status) {
  return h('span', { class: 'badge' + (status === 'validated' ? ' ok' : '') }, status);
}

function price(v) {
  if (v === null || v === undefined || v < 0) return '—';
  if (Number(v) === 0) return 'free';
  return '$' + Number(v).toFixed(v < 1 ? 3 : 2);
}

function cleared(list) {
  return list.length
    ? h('ul', { class: 'chips', 'aria-label': 'Cleared models' }, list.map((c) => h('li', {}, h('code', {}, String(c)))))
    : h('p', {}, 'No model is cleared.');
}

/** The last `stratum models check`: rows of {model, check, passed, detail}, with when it ran. */
function lastCheck(c) {
  const rows = Array.isArray(c) ? c : (c.results || []);
  const failed = rows.filter((r) => !r.passed).length;
  return [
    h('p', {}, c.at ? ['Ran ', formatTime(c.at), '. '] : null,
      failed ? h('span', { class: 'badge bad' }, failed + ' failed') : h('span', { class: 'badge ok' }, 'all passed')),
    table('Last models check', ['Model', 'Check', 'Result', 'Detail'],
      rows.map((r) => h('tr', {},
        h('td', {}, h('code', {}, r.model)),
        h('td', {}, r.check),
        h('td', {}, r.passed ? h('span', { class: 'badge ok' }, 'passed') : h('span', { class: 'badge bad' }, 'failed')),
        h('td', { class: 'small' }, r.detail || '')))),
  ];
}
