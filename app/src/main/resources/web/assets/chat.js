// Chat: pick workspaces, ask, read the answer as it streams, follow its [n] markers to the Sources
// panel and on to the cited passage. Everything goes through the public API:
//   GET  /api/conversations?limit=&cursor=      the list (cursor-paged)
//   POST /api/conversations                     a new conversation over some workspaces
//   POST /api/conversations/{id}/messages       a turn, streamed (passage, delta, citation, done)
//   GET  /api/conversations/{id}                a conversation reopened
import { api } from './api.js';
import { navigate, route } from './app.js';
import { formatTime, formatUsd, h, mount, toast } from './dom.js';
import { chunkOrdinal, describe, documentHref, loadDocument } from './sources.js';

const PAGE = 20;
const PICKED = 'stratum.workspaces';

/** Conversations asked in this page load, by id: their turns keep passages, citations and `done`. */
const conversations = new Map();

/** The page's state while it is shown; replaced on every render. */
let view = null;

// ---------------------------------------------------------------------------------------------
// Answer text: paragraphs, lists, code and emphasis, with [n] markers as buttons to the sources.

const INLINE = /(\[\d+\]|`[^`\n]+`|\*\*[^*\n]+\*\*)/;

function inline(text, cite) {
  return text.split(INLINE).filter((s) => s !== '').map((part) => {
    const marker = /^\[(\d+)\]$/.exec(part);
    if (marker) return cite ? cite(Number(marker[1])) : part;
    if (/^`[^`]+`$/.test(part)) return h('code', {}, part.slice(1, -1));
    if (/^\*\*[^*]+\*\*$/.test(part)) return h('strong', {}, part.slice(2, -2));
    return part;
  });
}

function lines(block, cite) {
  return block.split('\n').flatMap((line, i) => (i ? [h('br'), ...inline(line, cite)] : inline(line, cite)));
}

/** The answer as nodes (never markup): `cite(n)` makes the node for marker [n], or null for text. */
export function richText(text, cite) {
  const out = [];
  for (const block of text.split(/\n{2,}/)) {
    if (!block.trim()) continue;
    const rows = block.split('\n').filter((l) => l.trim());
    if (block.startsWith('```')) {
      out.push(h('pre', {}, h('code', {}, block.replace(/^```[^\n]*\n?/, '').replace(/\n?```\s*$/, ''))));
    } else if (rows.every((l) => /^\s*[-*•] /.test(l))) {
      out.push(h('ul', {}, rows.map((l) => h('li', {}, inline(l.replace(/^\s*[-*•] /, ''), cite)))));
    } else if (rows.every((l) => /^\s*\d+[.)] /.test(l))) {
      out.push(h('ol', {}, rows.map((l) => h('li', {}, inline(l.replace(/^\s*\d+[.)] /, ''), cite)))));
    } else if (/^#{1,6} /.test(block)) {
      out.push(h('p', { class: 'answer-heading' }, inline(block.replace(/^#{1,6} /, ''), cite)));
    } else {
      out.push(h('p', {}, lines(block, cite)));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Turns: one question and its answer.

function newTurn(question) {
  return { question, text: '', passages: [], cited: new Set(), citedDocs: [], done: null, state: 'streaming', problem: null };
}

/** Turns of a conversation read back from the server: text and cited documents, no passages. */
function turnsFromServer(messages) {
  const turns = [];
  for (const m of messages) {
    if (m.role === 'user') turns.push(newTurn(m.text));
    else if (turns.length) {
      const t = turns[turns.length - 1];
      t.text = m.text || '';
      t.citedDocs = m.citations || [];
      t.state = m.refused ? 'refused' : 'done';
      t.stored = true;
    }
  }
  for (const t of turns) if (t.state === 'streaming') { t.state = 'incomplete'; t.stored = true; }
  return turns;
}

function metaLine(done) {
  const usage = done.usage;
  const cost = done.costUsd !== undefined && done.costUsd !== null ? formatUsd(done.costUsd) : null;
  const part = (title, ...children) => h('span', { class: 'meta-item', title }, children);
  if (done.backend === 'none') {
    return h('p', { class: 'answer-meta' },
      part('The relevance gate refused before any model was asked', 'No model was asked'),
      part('From the question to the refusal', (done.latencyMs ?? '—') + ' ms'));
  }
  return h('p', { class: 'answer-meta' },
    part('The model that answered, and the backend that served it', 'Answered by ', h('strong', {}, done.model || '—'), ' via ', done.backend || '—'),
    usage ? part('Tokens: input / output / reasoning', `${usage.inputTokens} in · ${usage.outputTokens} out · ${usage.reasoningTokens || 0} reasoning tokens`) : null,
    cost ? part('What the answer cost', cost) : null,
    part('From the question to the last word', (done.latencyMs ?? '—') + ' ms'));
}

/** The answer with its cited sources as Markdown. */
function markdown(turn) {
  const lines = ['> ' + turn.question.replace(/\n/g, '\n> '), '', turn.text.trim(), ''];
  const base = location.origin + location.pathname;
  const cited = turn.passages.filter((p) => turn.cited.has(p.n) || (!turn.cited.size && turn.text.includes('[' + p.n + ']')));
  if (cited.length) {
    lines.push('Sources:', '');
    for (const p of cited) {
      const section = (p.section || '').split(' > ').slice(1).join(' › ');
      const where = [section, '`' + p.path + '`'].filter(Boolean).join(', ');
      lines.push(`- [${p.n}] [${p.title || p.path}](${base}${documentHref(p.documentId, chunkOrdinal(p.chunkId))}) — ${where}`);
    }
  } else if (turn.citedDocs.length) {
    lines.push('Sources:', '');
    turn.citedDocs.forEach((id) => lines.push(`- [${id}](${base}${documentHref(id)})`));
  }
  if (turn.done) lines.push('', `_Answered by ${turn.done.model} via ${turn.done.backend}._`);
  return lines.join('\n') + '\n';
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h('textarea', { class: 'sr-only', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/** The notice that replaces or follows an answer that is not a plain answer. */
function notice(turn, onRetry) {
  const again = onRetry ? h('button', { type: 'button', class: 'secondary small-btn', onclick: onRetry }, 'Ask again') : null;
  const p = turn.problem || {};
  switch (turn.state) {
    case 'refused':
      return h('div', { class: 'refusal', role: 'note' },
        h('p', { class: 'refusal-title' }, 'The workspace has nothing on this'),
        turn.done && turn.done.refusal ? h('p', { class: 'refusal-why' }, 'Why: ' + turn.done.refusal) : null,
        h('p', { class: 'refusal-hint' }, 'Stratum answers only from the documents of the workspaces you ask in. Try other words, or another workspace.'));
    case 'budget': {
      const cap = p.problem && p.problem.capUsd !== undefined ? formatUsd(p.problem.capUsd) : null;
      const spent = p.problem && p.problem.spentUsd !== undefined ? formatUsd(p.problem.spentUsd) : null;
      const ws = p.problem && p.problem.workspace;
      const resets = p.problem && p.problem.resetsOn;
      return h('div', { class: 'notice budget', role: 'alert' },
        h('p', { class: 'notice-title' }, 'The monthly budget is spent'),
        h('p', {}, ws ? h('strong', {}, ws) : 'This workspace', ' has used ',
          spent || 'all', cap ? ' of its ' + cap + ' hard cap' : ' of its hard cap',
          resets ? '; questions are answered again from ' + new Date(resets + 'T00:00:00Z').toLocaleDateString(undefined, { dateStyle: 'long', timeZone: 'UTC' }) + '.' : '.'),
        p.detail ? h('p', { class: 'small muted' }, p.detail) : null,
        h('p', { class: 'small' }, 'A workspace admin can raise the cap.'));
    }
    case 'incomplete':
      return h('div', { class: 'notice incomplete', role: turn.stored ? 'note' : 'alert' },
        h('p', { class: 'notice-title' }, turn.stopped ? 'You stopped the answer' : 'The answer is incomplete'),
        h('p', {}, turn.stopped ? 'What arrived is kept above.'
          : turn.stored ? 'This answer was not finished.'
            : (p.detail || 'The answer stopped before it finished.') + ' What arrived is kept above; it may be missing citations.'),
        again);
    case 'failed':
      return h('div', { class: 'notice failed', role: 'alert' },
        h('p', { class: 'notice-title' }, p.status === 429 ? 'Too many requests' : p.status >= 500 || p.status === 0 ? 'The model failed to answer' : p.title || 'The question was not answered'),
        h('p', {}, p.detail || p.title || 'Something went wrong.'),
        again);
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The page.

function workspaceName(id) {
  const w = view && view.workspaces.find((x) => x.id === id);
  return w ? w.name || w.id : id;
}

function picked() {
  try { return JSON.parse(localStorage.getItem(PICKED)) || []; } catch { return []; }
}

async function loadWorkspaces(session) {
  const list = session && Array.isArray(session.workspaces) && session.workspaces.length
    ? session.workspaces
    : (await api.get('/api/workspaces')).workspaces;
  return list.slice().sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id));
}

function picker() {
  const askable = view.workspaces.filter((w) => w.role !== 'viewer');
  let chosen = picked().filter((id) => askable.some((w) => w.id === id));
  // every workspace the user may ask in, until they narrow it: the first alone answers from one at random
  if (!chosen.length && askable.length) chosen = askable.map((w) => w.id);
  const locked = !!view.conversation;
  const boxes = view.workspaces.map((w) => {
    const readOnly = w.role === 'viewer';
    const box = h('input', {
      type: 'checkbox', name: 'workspace', value: w.id, id: 'ws-' + w.id,
      checked: chosen.includes(w.id) && !readOnly, disabled: locked || readOnly,
      onchange: () => localStorage.setItem(PICKED, JSON.stringify(selectedWorkspaces())),
    });
    if (locked) box.checked = view.conversation.workspaces.includes(w.id);
    return h('li', {}, box, h('label', { for: 'ws-' + w.id }, w.name || w.id,
      readOnly ? h('span', { class: 'muted small' }, ' (read only)') : null));
  });
  return h('fieldset', { class: 'picker' },
    h('legend', {}, 'Workspaces'),
    view.workspaces.length
      ? h('ul', { class: 'plain' }, boxes)
      : h('p', { class: 'muted small' }, 'You are not a member of any workspace yet. Ask an administrator to add you.'),
    locked ? h('p', { class: 'hint' }, 'Fixed for this conversation; a new conversation can ask elsewhere.') : null);
}

function selectedWorkspaces() {
  return [...document.querySelectorAll('.picker input[name="workspace"]:checked')].map((b) => b.value);
}

function conversationItem(c) {
  const current = view.conversation && view.conversation.id === c.id;
  return h('li', {},
    h('a', { href: '#/chat/' + api.enc(c.id), 'aria-current': current ? 'page' : null, class: 'conv' },
      h('span', { class: 'conv-title' }, c.title || 'Untitled conversation'),
      h('span', { class: 'conv-date' }, formatTime(c.createdAt))));
}

async function loadConversations(cursor) {
  const q = '?limit=' + PAGE + (cursor ? '&cursor=' + api.enc(cursor) : '');
  const page = await api.get('/api/conversations' + q);
  view.list.push(...page.conversations);
  view.nextCursor = page.nextCursor;
  paintList();
}

function paintList() {
  const more = view.nextCursor
    ? h('button', { type: 'button', class: 'secondary full', onclick: async (e) => {
      e.target.disabled = true;
      try { await loadConversations(view.nextCursor); } catch (err) { toast(err.title + ': ' + err.detail); e.target.disabled = false; }
      const links = view.nodes.convs.querySelectorAll('a.conv');
      if (links.length) links[links.length - 1].focus();
    } }, 'Load more')
    : null;
  mount(view.nodes.convs,
    view.list.length
      ? h('ul', { class: 'plain convs' }, view.list.map(conversationItem))
      : h('p', { class: 'muted small' }, 'No conversations yet.'),
    more);
}

function paintHeader() {
  const c = view.conversation;
  mount(view.nodes.head,
    h('h1', { id: 'thread-h' }, c ? c.title || 'Conversation' : 'New conversation'),
    h('p', { class: 'muted small' }, c
      ? ['Asking in ', c.workspaces.map(workspaceName).join(', ')]
      : 'Ask a question; the answer cites the documents it comes from.'));
}

function citeButton(turn) {
  if (turn.stored && !turn.passages.length) return null; // reopened: the numbers name no passage here
  return (n) => h('button', {
    type: 'button', class: 'cite', title: 'Show source ' + n,
    onclick: () => showSource(turn, n),
  }, '[' + n + ']');
}

function paintTurn(turn) {
  const v = turn.view;
  if (!v || view === null) return;
  const text = turn.state === 'refused' ? [] : richText(turn.text, citeButton(turn));
  v.className = 'answer ' + turn.state;
  v.setAttribute('aria-busy', turn.state === 'streaming' ? 'true' : 'false');
  const actions = turn.state !== 'done' || !turn.text.trim() ? null
    : h('div', { class: 'answer-actions' },
      h('button', { type: 'button', class: 'secondary small-btn', onclick: async () => {
        await copyText(markdown(turn));
        toast('Copied the answer and its sources as Markdown');
      } }, 'Copy as Markdown'),
      turn.passages.length && view.active !== turn
        ? h('button', { type: 'button', class: 'link small', onclick: () => showSources(turn) }, 'Show sources') : null);
  mount(v,
    h('div', { class: 'answer-by', 'aria-hidden': 'true' }, 'Stratum'),
    turn.state === 'streaming' && !turn.text
      ? h('p', { class: 'thinking' }, turn.passages.length ? 'Reading ' + turn.passages.length + ' passages…' : 'Finding passages…')
      : null,
    h('div', { class: 'answer-text' }, text),
    notice(turn, turn.state === 'failed' || (turn.state === 'incomplete' && !turn.stopped && !turn.stored) ? () => retry(turn) : null),
    turn.done ? metaLine(turn.done) : null,
    actions);
}

function turnNode(turn) {
  const answer = h('article', { class: 'answer', 'aria-label': 'Answer' });
  turn.view = answer;
  paintTurn(turn);
  return h('li', { class: 'turn' },
    h('div', { class: 'question' }, h('span', { class: 'sr-only' }, 'You asked: '), richText(turn.question, null)),
    answer);
}

function paintThread() {
  const turns = view.conversation ? view.conversation.turns : [];
  mount(view.nodes.thread, turns.length
    ? h('ol', { class: 'plain turns' }, turns.map(turnNode))
    : h('div', { class: 'chat-empty' },
      h('p', { class: 'empty-title' }, 'What do you want to know?'),
      h('p', { class: 'muted' }, 'Pick the workspaces to ask in, then type a question below. Every answer cites its sources; ',
        'when the documents say nothing on it, Stratum says so instead of guessing.')));
}

// ---------------------------------------------------------------------------------------------
// Sources panel.

function sourceEntry(turn, p) {
  const cited = turn.cited.has(p.n) || turn.text.includes('[' + p.n + ']');
  const li = h('li', { class: 'source' + (cited ? ' cited' : ''), id: 'source-' + p.n, tabindex: '-1', 'aria-labelledby': 'source-' + p.n + '-t' });
  const paint = (doc) => {
    const d = describe(p, doc);
    const section = (p.section || '').split(' > ').slice(1).join(' › ');
    mount(li,
      h('div', { class: 'source-head' },
        h('span', { class: 'source-n', 'aria-hidden': 'true' }, String(p.n)),
        h('span', { class: 'kind kind-' + d.kind }, d.label),
        d.badges),
      h('a', { class: 'source-title', id: 'source-' + p.n + '-t', href: documentHref(p.documentId, chunkOrdinal(p.chunkId), p.n) },
        h('span', { class: 'sr-only' }, 'Source ' + p.n + ': '), d.title),
      section ? h('p', { class: 'source-section' }, section) : null,
      d.facts.length ? h('p', { class: 'source-facts' }, d.facts.flatMap((f, i) => (i ? [' · ', f] : [f]))) : null,
      h('p', { class: 'source-path' }, p.workspace && view.workspaces.length > 1 ? workspaceName(p.workspace) + ' · ' : '', p.path));
  };
  paint(null);
  loadDocument(p.documentId).then((doc) => { if (doc) paint(doc); }).catch(() => { /* the fallback stays */ });
  return li;
}

function storedSources(turn) {
  return h('ol', { class: 'plain source-list' }, turn.citedDocs.map((id, i) => {
    const li = h('li', { class: 'source cited' });
    const paint = (doc) => mount(li,
      h('div', { class: 'source-head' }, h('span', { class: 'source-n', 'aria-hidden': 'true' }, String(i + 1)),
        doc ? h('span', { class: 'kind' }, describe({ path: doc.path }, doc).label) : null),
      h('a', { class: 'source-title', href: documentHref(id) }, doc ? doc.title : id),
      doc ? h('p', { class: 'source-path' }, doc.path) : null);
    paint(null);
    loadDocument(id).then((doc) => { if (doc) paint(doc); }).catch(() => {});
    return li;
  }));
}

function paintSources() {
  const turn = view.active;
  const box = view.nodes.sources;
  if (!turn) {
    mount(box, h('p', { class: 'muted small' }, 'The passages an answer is built on are listed here, each with the document it comes from.'));
    return;
  }
  if (turn.state === 'refused' && !turn.passages.length) {
    mount(box, h('p', { class: 'muted small' }, 'No passage of the workspace covers this question.'));
    return;
  }
  if (!turn.passages.length) {
    mount(box, turn.citedDocs.length
      ? [h('p', { class: 'muted small' }, 'Documents cited by this answer:'), storedSources(turn)]
      : h('p', { class: 'muted small' }, turn.state === 'streaming' ? 'Finding passages…' : 'This answer cites no source.'));
    return;
  }
  const finished = turn.state !== 'streaming';
  const isCited = (p) => turn.cited.has(p.n) || turn.text.includes('[' + p.n + ']');
  const cited = finished ? turn.passages.filter(isCited) : turn.passages;
  const rest = finished ? turn.passages.filter((p) => !isCited(p)) : [];
  mount(box,
    h('p', { class: 'muted small' }, finished && turn.state === 'refused'
      ? `None of the ${turn.passages.length} passages retrieved answers this question.`
      : finished
      ? `${cited.length} cited of ${turn.passages.length} passages retrieved for “${turn.question.length > 60 ? turn.question.slice(0, 57) + '…' : turn.question}”.`
      : `${turn.passages.length} passages retrieved; citations follow the answer.`),
    h('ol', { class: 'plain source-list' }, cited.map((p) => sourceEntry(turn, p))),
    rest.length ? h('details', { class: 'uncited' },
      h('summary', {}, `${rest.length} more retrieved, not cited`),
      h('ol', { class: 'plain source-list' }, rest.map((p) => sourceEntry(turn, p)))) : null);
}

function showSources(turn) {
  view.active = turn;
  paintSources();
  for (const t of view.conversation.turns) paintTurn(t);
}

function showSource(turn, n) {
  if (view.active !== turn) showSources(turn);
  const entry = view.nodes.sources.querySelector('#source-' + n);
  if (!entry) { toast('Source ' + n + ' is not among the passages of this answer'); return; }
  const details = entry.closest('details');
  if (details) details.open = true;
  for (const e of view.nodes.sources.querySelectorAll('.source.flash')) e.classList.remove('flash');
  entry.classList.add('flash');
  entry.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  entry.focus({ preventScroll: true });
}

// ---------------------------------------------------------------------------------------------
// Asking.

function problemOf(err) {
  return { status: err.status, type: err.type, title: err.title, detail: err.detail, problem: err.problem || {} };
}

async function ensureConversation(question) {
  if (view.conversation) return view.conversation;
  const workspaces = selectedWorkspaces();
  if (!workspaces.length) throw Object.assign(new Error('pick'), { pick: true });
  const title = question.replace(/\s+/g, ' ').trim();
  const created = await api.post('/api/conversations', { workspaces, title: title.length > 80 ? title.slice(0, 77) + '…' : title });
  const c = { id: created.id, title: title.length > 80 ? title.slice(0, 77) + '…' : title, workspaces: created.workspaces || workspaces, turns: [] };
  conversations.set(c.id, c);
  view.conversation = c;
  history.replaceState(null, '', '#/chat/' + api.enc(c.id));
  view.list.unshift({ id: c.id, title: c.title, createdAt: new Date().toISOString() });
  paintList();
  paintHeader();
  mount(view.nodes.picker, picker());
  return c;
}

async function run(conversation, turn) {
  const controller = new AbortController();
  conversation.controller = controller;
  const shown = () => view !== null && view.conversation === conversation;
  setBusy(true);
  showSources(turn);
  try {
    const done = await api.stream('/api/conversations/' + api.enc(conversation.id) + '/messages', { content: turn.question }, (event, data) => {
      if (event === 'passage') {
        turn.passages.push(data);
        if (shown() && view.active === turn) paintSources();
      } else if (event === 'delta') {
        turn.text += data.text;
      } else if (event === 'citation') {
        turn.cited.add(data.n);
        return;
      }
      paintTurn(turn);
      follow();
    }, controller.signal);
    turn.done = done;
    turn.state = done.refused ? 'refused' : done.incomplete || !turn.text.trim() ? 'incomplete' : 'done';
    if (turn.state === 'incomplete') turn.problem = { detail: 'The model ended without an answer (its output limit ran out).' };
    toast(turn.state === 'refused' ? 'No answer: the workspace has nothing on this' : turn.state === 'done' ? 'Answer ready' : 'The answer is incomplete');
  } catch (err) {
    if (controller.signal.aborted) {
      turn.state = 'incomplete';
      turn.stopped = true;
    } else {
      turn.problem = problemOf(err);
      turn.state = /budget/.test(err.type || '') ? 'budget'
        : err.status === 0 && turn.text ? 'incomplete' : 'failed';
    }
  } finally {
    conversation.controller = null;
    paintTurn(turn);
    if (shown()) {
      setBusy(false);
      if (view.active === turn) paintSources();
      follow(true);
      view.nodes.question.focus();
    }
  }
}

async function ask(question) {
  let conversation;
  try {
    conversation = await ensureConversation(question);
  } catch (err) {
    mount(view.nodes.status, h('div', { class: 'banner error', role: 'alert' }, err.pick
      ? 'Pick at least one workspace to ask in.'
      : [h('strong', {}, 'The conversation could not start.'), ' ', err.detail || err.title || String(err.message || err)]));
    (err.pick ? view.nodes.picker.querySelector('input:not(:disabled)') || view.nodes.question : view.nodes.question).focus();
    return false;
  }
  mount(view.nodes.status);
  const turn = newTurn(question);
  conversation.turns.push(turn);
  if (conversation.turns.length === 1) paintThread();
  else view.nodes.thread.querySelector('ol.turns').append(turnNode(turn));
  follow(true);
  await run(conversation, turn);
  return true;
}

function retry(turn) {
  if (!view || !view.conversation || view.busy) return;
  const turns = view.conversation.turns;
  const i = turns.indexOf(turn);
  if (i >= 0) turns.splice(i, 1);
  paintThread();
  ask(turn.question);
}

function stop() {
  const c = view && view.conversation;
  if (c && c.controller) c.controller.abort();
}

function setBusy(busy) {
  view.busy = busy;
  const b = view.nodes.send;
  b.textContent = busy ? 'Stop' : 'Send';
  b.classList.toggle('secondary', busy);
  b.setAttribute('aria-label', busy ? 'Stop the answer' : 'Send');
}

/** Keeps the newest text in sight while it streams, unless the reader scrolled up. */
function follow(force) {
  const box = view && view.nodes.scroller;
  if (!box) return;
  const near = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  if (force || near) box.scrollTop = box.scrollHeight;
}

function composer() {
  const question = h('textarea', {
    id: 'question', name: 'question', rows: '2', maxlength: '4000', required: true,
    placeholder: 'Ask about your documents…', 'aria-describedby': 'question-hint',
  });
  const send = h('button', { type: 'submit', class: 'send' }, 'Send');
  const submit = async (e) => {
    if (e) e.preventDefault();
    if (view.busy) { stop(); return; }
    const text = question.value.trim();
    if (!text) { question.focus(); return; }
    question.value = '';
    const ok = await ask(text);
    if (!ok && !question.value) question.value = text;
  };
  question.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (!view.busy) submit();
    } else if (e.key === 'Escape' && view.busy) {
      stop();
    }
  });
  view.nodes.question = question;
  view.nodes.send = send;
  return h('form', { class: 'composer', onsubmit: submit },
    h('label', { for: 'question', class: 'sr-only' }, 'Question'),
    h('div', { class: 'composer-row' }, question, send),
    h('p', { class: 'hint', id: 'question-hint' }, h('kbd', {}, 'Enter'), ' sends, ', h('kbd', {}, 'Shift'), '+', h('kbd', {}, 'Enter'), ' breaks the line.'));
}

async function openConversation(id) {
  if (conversations.has(id)) return conversations.get(id);
  let c;
  try {
    c = await api.get('/api/conversations/' + api.enc(id));
  } catch (err) {
    if (err.status === 404) return null;
    throw err;
  }
  const listed = view.list.find((x) => x.id === id);
  const conversation = {
    id,
    title: c.title || (listed && listed.title) || '',
    workspaces: c.workspaces || (c.workspace ? c.workspace.split(',') : []),
    turns: turnsFromServer(c.messages || []),
  };
  conversations.set(id, conversation);
  return conversation;
}

async function render(main, params, session) {
  document.title = 'Chat · Stratum';
  view = { workspaces: [], list: [], nextCursor: null, conversation: null, active: null, busy: false, nodes: {} };
  const ours = view;
  const [workspaces] = await Promise.all([loadWorkspaces(session), loadConversations(null).catch(() => {})]);
  if (view !== ours) return;
  view.workspaces = workspaces;
  if (params.id) {
    view.conversation = await openConversation(params.id);
    if (view !== ours) return;
    if (!view.conversation) {
      mount(main, h('div', { class: 'banner error', role: 'alert' }, h('strong', {}, 'No such conversation.'), ' It may have been deleted, or it is not yours. ',
        h('a', { href: '#/chat' }, 'Start a new one'), '.'));
      return;
    }
    const turns = view.conversation.turns;
    view.active = [...turns].reverse().find((t) => t.passages.length || t.citedDocs.length) || null;
    if (view.conversation.title) document.title = view.conversation.title + ' · Stratum';
  }

  const n = view.nodes;
  n.picker = h('div', {}, picker());
  n.convs = h('div', { class: 'conv-list' });
  n.head = h('header', { class: 'thread-head' });
  n.thread = h('div', { class: 'thread-body' });
  n.scroller = h('div', { class: 'thread-scroll' }, n.thread);
  n.status = h('div', { class: 'composer-status' });
  n.sources = h('div', { class: 'sources-body' });

  mount(main, h('div', { class: 'chat' },
    h('section', { class: 'side', 'aria-labelledby': 'side-h' },
      h('h2', { id: 'side-h', class: 'sr-only' }, 'Workspaces and conversations'),
      h('a', { class: 'btn wide new-conv', href: '#/chat', onclick: (e) => { e.preventDefault(); navigate('#/chat'); } }, '+ New conversation'),
      n.picker,
      h('h2', { class: 'side-h' }, 'Conversations'),
      n.convs),
    h('section', { class: 'thread', 'aria-labelledby': 'thread-h' },
      n.head, n.scroller, n.status, composer()),
    h('section', { class: 'sources', 'aria-labelledby': 'sources-h' },
      h('h2', { id: 'sources-h' }, 'Sources'),
      n.sources)));
  paintHeader();
  paintList();
  paintThread();
  paintSources();
  follow(true);
  if (view.conversation && view.conversation.controller) setBusy(true); // still answering in the background
  n.question.focus();
}

route('/chat', render);
route('/chat/:id', render);
