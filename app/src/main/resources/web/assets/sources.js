// What a cited source is, said the way its kind says it: an ADR by its status (and successor), a
// runbook by its alert and severity, a control by its id, code by path:line and symbol, a Jira
// issue by its key, a Confluence page by its place. Shared by the chat's Sources panel and the
// document view. Documents come from GET /api/documents/{id}; without kind or metadata (an older
// server) a source falls back to its title, section and path.
import { api } from './api.js';
import { h } from './dom.js';

const documents = new Map();

/** The document (cached per page load), or null when it does not exist or may not be read. */
export function loadDocument(id) {
  if (!documents.has(id)) {
    documents.set(id, api.get('/api/documents/' + api.enc(id)).catch((e) => {
      if (e.status === 404) return null;
      documents.delete(id); // a transient failure: try again next time
      throw e;
    }));
  }
  return documents.get(id);
}

/** The chunk's position in its document, from a chunk id "workspace:path#ordinal". */
export function chunkOrdinal(chunkId) {
  const m = /#(\d+)$/.exec(chunkId || '');
  return m ? Number(m[1]) : null;
}

/** The document view's address, with the cited chunk and the answer's passage number. */
export function documentHref(documentId, chunk, n) {
  const q = new URLSearchParams();
  if (chunk !== null && chunk !== undefined) q.set('chunk', String(chunk));
  if (n) q.set('passage', String(n));
  const qs = q.toString();
  return '#/documents/' + api.enc(documentId) + (qs ? '?' + qs : '');
}

const LABELS = {
  adr: 'ADR', runbook: 'Runbook', oscal: 'Control', control: 'Control', code: 'Code',
  jira: 'Jira', confluence: 'Confluence', markdown: 'Document', document: 'Document',
};

/** The source's kind: the server's when it names one beyond plain Markdown, else read off its metadata. */
export function kindOf(doc, passage = {}) {
  const meta = (doc && doc.metadata) || {};
  const kind = doc && doc.kind;
  if (kind && kind !== 'markdown') return kind === 'oscal' ? 'control' : kind;
  const path = (doc && doc.path) || passage.path || '';
  const title = (doc && doc.title) || passage.title || '';
  if (meta.control) return 'control';
  if (meta.alert || /(^|\/)runbook[-_]/i.test(path)) return 'runbook';
  if (meta.adr || meta.superseded_by || (doc && (doc.supersedes || (doc.supersededBy && doc.supersededBy.length)))
      || /(^|\/)adr[-_]\d/i.test(path) || /^ADR[- ]\d/.test(title)) return 'adr';
  if (meta.key && (meta.issuetype || kind === 'jira')) return 'jira';
  if (meta.page_id) return 'confluence';
  return 'document';
}

export function kindLabel(kind) {
  return LABELS[kind] || kind;
}

function statusBadge(status) {
  if (!status) return null;
  const s = status.toLowerCase();
  const tone = s === 'superseded' || s === 'deprecated' || s === 'rejected' ? 'bad'
    : s === 'accepted' || s === 'implemented' || s === 'active' ? 'ok' : '';
  return h('span', { class: 'badge ' + tone }, status);
}

/**
 * The successors of a superseded document, [{id, label}]: the server's supersededBy (document ids
 * the reader may read), else the front matter's superseded_by as text (id null).
 */
function successors(doc) {
  const meta = (doc && doc.metadata) || {};
  const by = doc && doc.supersededBy;
  const ids = Array.isArray(by) ? by : by ? [by] : [];
  if (ids.length) {
    return ids.map((id) => ({
      id,
      label: ids.length === 1 && meta.superseded_by ? meta.superseded_by : id.replace(/^[^:]*:/, '').replace(/^.*\//, ''),
    }));
  }
  return meta.superseded_by ? [{ id: null, label: meta.superseded_by }] : [];
}

/** "superseded" badge, linking the successors the reader may open. */
export function supersededBadge(doc) {
  const next = successors(doc);
  const isSuperseded = (doc && (doc.status || '').toLowerCase() === 'superseded') || next.length;
  if (!isSuperseded) return null;
  return h('span', { class: 'superseded' },
    h('span', { class: 'badge bad' }, 'superseded'),
    next.length ? ' by ' : null,
    next.flatMap((n, i) => [i ? ', ' : null, n.id
      ? h('a', { href: documentHref(n.id), class: 'successor' }, n.label)
      : h('span', {}, n.label)]));
}

function lastPart(section) {
  const parts = (section || '').split(' > ');
  return parts[parts.length - 1];
}

/** For code: "path:line" read from the chunk ("Defined at path:line.") and the symbol from its heading. */
function codeLocation(doc, passage) {
  const ordinal = chunkOrdinal(passage.chunkId);
  const text = doc && doc.chunks && ordinal !== null ? doc.chunks[ordinal] || '' : '';
  const at = /Defined at (\S+):(\d+)\./.exec(text);
  return {
    where: at ? at[1] + ':' + at[2] : (doc && doc.path) || passage.path,
    symbol: lastPart(passage.section),
  };
}

/**
 * The lines that say what a source is: { kind, label, title, facts: [node|string], badges: [node] }.
 * `passage` is a streamed passage (documentId, chunkId, title, section, path, status); `doc` the
 * document, or null while it loads or when absent.
 */
export function describe(passage, doc) {
  const kind = kindOf(doc, passage);
  const meta = (doc && doc.metadata) || {};
  const title = (doc && doc.title) || passage.title || passage.path;
  const status = (doc && doc.status) || passage.status || '';
  const facts = [];
  const badges = [];
  switch (kind) {
    case 'adr':
      if (status.toLowerCase() !== 'superseded') badges.push(statusBadge(status));
      badges.push(supersededBadge(doc || { status }));
      if (meta.date) facts.push('Decided ' + meta.date);
      break;
    case 'runbook':
      if (meta.alert) facts.push(h('span', {}, 'Alert ', h('code', {}, meta.alert)));
      if (meta.severity) badges.push(h('span', { class: 'badge ' + (meta.severity === 'page' ? 'warn' : '') }, 'severity: ' + meta.severity));
      break;
    case 'control':
      if (meta.control) badges.push(h('span', { class: 'badge control-id' }, meta.control));
      if (meta.framework || meta.family) facts.push(meta.framework || meta.family);
      badges.push(statusBadge(status));
      break;
    case 'code': {
      const loc = codeLocation(doc, passage);
      facts.push(h('code', {}, loc.where));
      if (loc.symbol) facts.push(h('span', {}, 'symbol ', h('code', {}, loc.symbol)));
      break;
    }
    case 'jira':
      if (meta.key) badges.push(h('span', { class: 'badge' }, meta.key));
      if (meta.issuetype) facts.push(meta.issuetype);
      badges.push(statusBadge(status));
      break;
    case 'confluence':
      facts.push(meta.breadcrumbs || 'Confluence page');
      break;
    default:
      badges.push(statusBadge(status));
  }
  return { kind, label: kindLabel(kind), title, facts, badges: badges.filter(Boolean) };
}
