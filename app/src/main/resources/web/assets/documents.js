// The document view: a document with all its chunks, the cited one highlighted and in view.
// GET /api/documents/{id} answers not-found for a document of a workspace the caller cannot read,
// so "no such document" and "not yours" look the same here, as they do over the API.
import { api } from './api.js';
import { route } from './app.js';
import { h, mount } from './dom.js';
import { describe, kindLabel, kindOf, supersededBadge } from './sources.js';

const HIDDEN_METADATA = new Set(['identifiers']);

function back() {
  return h('p', { class: 'doc-crumbs' },
    h('a', {
      href: '#/chat',
      onclick: (e) => { if (history.length > 1) { e.preventDefault(); history.back(); } },
    }, '← Back to the answer'));
}

function metadataList(doc) {
  const rows = [['Workspace', doc.workspace], ['Path', h('code', {}, doc.path)]];
  if (doc.status) rows.push(['Status', doc.status]);
  if (doc.supersedes) rows.push(['Supersedes', doc.supersedes.includes(':') ? h('a', { href: '#/documents/' + api.enc(doc.supersedes) }, doc.supersedes.replace(/^[^:]*:/, '')) : doc.supersedes]);
  for (const [k, v] of Object.entries(doc.metadata || {})) {
    if (HIDDEN_METADATA.has(k) || v === '' || v === null || v === undefined) continue;
    const value = /^https?:\/\//.test(String(v)) ? h('a', { href: String(v), rel: 'noopener noreferrer' }, String(v)) : String(v);
    rows.push([k.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()), value]);
  }
  return h('dl', { class: 'doc-meta' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function chunkNode(text, i, cited, passage) {
  if (!cited) return h('div', { class: 'chunk', id: 'chunk-' + i }, h('p', {}, text));
  return h('section', { class: 'chunk cited', id: 'chunk-' + i, tabindex: '-1', 'aria-labelledby': 'chunk-' + i + '-label' },
    h('p', { class: 'cited-label', id: 'chunk-' + i + '-label' }, passage ? 'Cited passage [' + passage + ']' : 'Cited passage'),
    h('p', {}, h('mark', {}, text)));
}

async function render(main, params) {
  const id = params.id;
  const chunk = params.query.has('chunk') ? Number(params.query.get('chunk')) : null;
  const passage = params.query.get('passage');
  document.title = 'Document · Stratum';
  let doc;
  try {
    doc = await api.get('/api/documents/' + api.enc(id));
  } catch (err) {
    if (err.status !== 404) throw err;
    mount(main, h('div', { class: 'doc-page' }, back(),
      h('h1', {}, 'Document not found'),
      h('div', { class: 'banner error', role: 'alert' },
        h('strong', {}, 'No such document, or you may not read it.'),
        ' Documents are shown only to readers of their workspace.'),
      h('p', { class: 'muted small' }, 'Asked for: ', h('code', {}, id))));
    document.getElementById('main').focus();
    return;
  }
  document.title = doc.title + ' · Stratum';
  const kind = kindOf(doc);
  const d = describe({ path: doc.path, status: doc.status, title: doc.title, chunkId: chunk !== null ? doc.id + '#' + chunk : '', section: '' }, doc);
  const chunks = doc.chunks || [];
  const cited = chunk !== null && chunk >= 0 && chunk < chunks.length ? chunk : null;
  mount(main, h('article', { class: 'doc-page', 'aria-labelledby': 'doc-h' },
    back(),
    h('header', { class: 'doc-head' },
      h('div', { class: 'source-head' }, h('span', { class: 'kind kind-' + kind }, kindLabel(kind)), d.badges,
        d.badges.some((b) => b.classList && b.classList.contains('superseded')) ? null : supersededBadge(doc)),
      h('h1', { id: 'doc-h' }, doc.title),
      d.facts.length ? h('p', { class: 'source-facts' }, d.facts.flatMap((f, i) => (i ? [' · ', f] : [f]))) : null),
    h('div', { class: 'doc-layout' },
      h('section', { class: 'doc-body', 'aria-label': 'Text' },
        cited === null && chunk !== null ? h('p', { class: 'banner warn' }, 'The cited passage is no longer in this document; it may have changed since the answer.') : null,
        chunks.map((text, i) => chunkNode(text, i, i === cited, passage))),
      h('section', { class: 'doc-side', 'aria-label': 'About this document' },
        h('h2', {}, 'About'), metadataList(doc),
        h('p', { class: 'muted small' }, chunks.length + (chunks.length === 1 ? ' passage' : ' passages'))))));
  const target = cited !== null ? main.querySelector('#chunk-' + cited) : null;
  if (target) {
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  } else {
    document.getElementById('main').focus();
  }
}

route('/documents/:id', render);
