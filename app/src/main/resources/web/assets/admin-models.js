// Admin › Models: the two tiers and their models, the cleared list, the catalog (validated and
// routable families) and the last `stratum models check` result.
import { api } from './api.js';
import { h, mount, field, formatTime } from './dom.js';
import { adminLayout, panel, loading, attempt, table } from './admin-ui.js';

export async function modelsPage(main) {
  const content = adminLayout(main, '/admin/models', 'Models',
    'Which models answer, which are cleared for use, and what the catalog knows. Set on the server in terraform.tfvars.');
  content.append(loading('models'));
  const m = await attempt(content, () => api.get('/api/models'));
  if (!m) return;
  const tierModels = new Set((m.tiers || []).map((t) => t.modelId));
  const catalogSlot = h('div', {});
  const search = h('input', { type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false', placeholder: 'model id or family' });
  const paintCatalog = () => {
    const q = search.value.trim().toLowerCase();
    const rows = (m.catalog || []).filter((c) => !q || c.id.toLowerCase().includes(q) || String(c.family || '').toLowerCase().includes(q));
    mount(catalogSlot, table('Model catalog', ['Model', 'Family', 'Surface', 'Validated', 'Routable'],
      rows.map((c) => h('tr', { class: tierModels.has(c.id) ? 'highlight' : null },
        h('td', {}, h('code', {}, c.id), tierModels.has(c.id) ? [' ', h('span', { class: 'badge' }, 'in use')] : null),
        h('td', {}, c.family || '—'),
        h('td', {}, [].concat(c.surface || []).join(', ') || '—'),
        h('td', {}, yesNo(c.validated, 'validated', 'not validated')),
        h('td', {}, yesNo(c.routable, 'routable', 'not routable')))),
      { empty: q ? 'No model matches “' + search.value + '”.' : 'The catalog is empty.' }));
  };
  search.addEventListener('input', paintCatalog);
  paintCatalog();
  const cleared = m.cleared;
  mount(content,
    h('div', { class: 'admin-grid' },
      panel('Tiers',
        table('Model tiers', ['Tier', 'Model', 'Backend'],
          (m.tiers || []).map((t) => h('tr', {},
            h('th', { scope: 'row' }, t.tier),
            h('td', {}, h('code', {}, t.modelId)),
            h('td', {}, t.backend || '—')))),
        h('p', { class: 'hint' }, 'Default backend: ', h('code', {}, m.defaultBackend || '—'),
          '. Advanced writes the answers where a workspace allows it; basic rewrites follow-ups and summarises.')),
      panel('Cleared models',
        cleared && cleared.length
          ? h('ul', { class: 'chips', 'aria-label': 'Cleared models' }, cleared.map((c) => h('li', {}, h('code', {}, typeof c === 'string' ? c : c.id || JSON.stringify(c)))))
          : h('p', {}, cleared ? 'No model is cleared.' : 'No cleared list is configured: every catalog model may be used.'),
        h('p', { class: 'hint' }, 'A tier outside the cleared list (bedrock_cleared_model_ids) stops the server at start.'))),
    panel('Last models check', lastCheck(m.lastCheck)),
    panel('Catalog', h('div', { class: 'inline-form narrow' }, field('Filter the catalog', search)), catalogSlot));
}

function yesNo(v, yes, no) {
  if (v === undefined || v === null) return h('span', { class: 'muted' }, '—');
  return v ? h('span', { class: 'badge ok' }, yes) : h('span', { class: 'badge' }, no);
}

/** The last `stratum models check`: null when none ran; else its rows {model, check, passed, detail}. */
function lastCheck(c) {
  if (!c) {
    return h('p', {}, 'No check recorded. Run ', h('code', {}, 'stratum models check'),
      ' on the server to test the configured models against their endpoint.');
  }
  const rows = Array.isArray(c) ? c : (c.results || c.rows || c.checks || []);
  const failed = rows.filter((r) => r.passed === false).length;
  return [
    h('p', {},
      c.at ? ['Ran ', formatTime(c.at), '. '] : null,
      rows.length ? (failed ? h('span', { class: 'badge bad' }, failed + ' failed') : h('span', { class: 'badge ok' }, 'all passed')) : null,
      c.passed !== undefined && !rows.length ? h('span', { class: 'badge ' + (c.passed ? 'ok' : 'bad') }, c.passed ? 'passed' : 'failed') : null),
    rows.length
      ? table('Last models check', ['Model', 'Check', 'Result', 'Detail'],
        rows.map((r) => h('tr', {},
          h('td', {}, h('code', {}, r.model)),
          h('td', {}, r.check),
          h('td', {}, r.passed ? h('span', { class: 'badge ok' }, 'passed') : h('span', { class: 'badge bad' }, 'failed')),
          h('td', { class: 'small' }, r.detail || ''))))
      : (c.detail ? h('p', { class: 'small' }, c.detail) : null),
  ];
}
