// A stacked bar chart of spend per day and model, drawn as inline SVG by this code (no library, no
// external service), with a text summary for screen readers and the same numbers as a table.
import { h, formatUsd } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Series colours: each at least 3:1 against white, told apart by hue and lightness. */
export const PALETTE = ['#1f5f9e', '#c0561a', '#2e7d4f', '#7b3f98', '#b3263e', '#0e7a83', '#8a6d1c', '#4f5b69'];

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** The smallest "nice" number (1, 2, 2.5, 5 × 10^k) at or above v. */
export function niceCeil(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v - 1e-12) return m * p;
  return 10 * p;
}

/** USD for an axis: as few decimals as the step needs. */
function axisUsd(v, step) {
  let decimals = 0;
  while (decimals < 8 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-6) decimals++;
  return '$' + v.toFixed(decimals);
}

function dayLabel(month, day) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day)).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/**
 * The chart of `month` ("2026-12"): `series` is [{name, colour}], `cells` maps "day|series" to
 * {costUsd, calls}. Returns a figure with the SVG, its legend and a table of the same data.
 */
export function spendChart({ month, series, cells, title }) {
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const totals = [];
  for (let d = 1; d <= days; d++) {
    totals.push(series.reduce((sum, se) => sum + Number((cells.get(d + '|' + se.name) || {}).costUsd || 0), 0));
  }
  const max = Math.max(...totals);
  // 3 to 5 gridlines, whichever puts the top nearest above the highest day
  const [ticks, step] = [4, 5, 3]
    .map((n) => [n, max > 0 ? niceCeil(max / n) : 0.25])
    .reduce((best, c) => (c[0] * c[1] < best[0] * best[1] - 1e-12 ? c : best));
  const top = step * ticks;
  const W = 820; const H = 260; const L = 70; const R = 12; const T = 14; const B = 34;
  const pw = W - L - R; const ph = H - T - B;
  const slot = pw / days; const bw = Math.max(4, slot * 0.68);
  const yOf = (v) => T + ph - (v / top) * ph;
  const idBase = 'chart-' + month;
  const total = totals.reduce((a, b) => a + b, 0);
  const activeDays = totals.filter((t) => t > 0).length;
  const peak = totals.indexOf(max) + 1;
  const summary = total > 0
    ? `${formatUsd(total)} spent over ${activeDays} day${activeDays === 1 ? '' : 's'} by ${series.length} model${series.length === 1 ? '' : 's'}; `
      + `the highest day was ${dayLabel(month, peak)} with ${formatUsd(max)}.`
    : 'No spend in this month.';

  const grid = [];
  for (let i = 0; i <= ticks; i++) {
    const v = step * i;
    const yy = yOf(v);
    grid.push(s('line', { x1: L, x2: W - R, y1: yy, y2: yy, class: i === 0 ? 'axis' : 'gridline' }));
    grid.push(s('text', { x: L - 8, y: yy + 4, 'text-anchor': 'end', class: 'tick' }, axisUsd(v, step)));
  }
  const bars = [];
  const labels = [];
  for (let d = 1; d <= days; d++) {
    const x = L + slot * (d - 1) + (slot - bw) / 2;
    let base = 0;
    series.forEach((se) => {
      const cell = cells.get(d + '|' + se.name);
      const v = cell ? Number(cell.costUsd) : 0;
      if (!(v > 0)) return;
      const y0 = yOf(base); const y1 = yOf(base + v);
      bars.push(s('rect', { x, y: y1, width: bw, height: Math.max(1, y0 - y1), fill: se.colour, class: 'bar' },
        s('title', {}, `${dayLabel(month, d)} · ${se.name}: ${formatUsd(v)} (${cell.calls} call${cell.calls === 1 ? '' : 's'})`)));
      base += v;
    });
    if (d === 1 || d % 5 === 0 || d === days) {
      labels.push(s('text', { x: L + slot * (d - 0.5), y: H - B + 18, 'text-anchor': 'middle', class: 'tick' }, String(d)));
    }
  }
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': `${idBase}-title ${idBase}-desc`,
  },
  s('title', { id: `${idBase}-title` }, title),
  s('desc', { id: `${idBase}-desc` }, summary),
  grid, bars, labels,
  total > 0 ? null : s('text', { x: L + pw / 2, y: T + ph / 2, 'text-anchor': 'middle', class: 'empty-note' }, 'No spend in ' + monthName(month)),
  s('text', { x: L + pw / 2, y: H - 2, 'text-anchor': 'middle', class: 'axis-label' }, 'Day of ' + monthName(month) + ' (UTC)'));

  const legend = h('ul', { class: 'legend', 'aria-label': 'Models' },
    series.map((se) => h('li', {},
      s('svg', { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true' }, s('rect', { width: 12, height: 12, rx: 2, fill: se.colour })),
      ' ', se.name)));

  const rows = [];
  for (let d = 1; d <= days; d++) {
    if (!(totals[d - 1] > 0)) continue;
    rows.push(h('tr', {},
      h('th', { scope: 'row' }, dayLabel(month, d)),
      series.map((se) => h('td', { class: 'num' }, formatUsd(Number((cells.get(d + '|' + se.name) || {}).costUsd || 0)))),
      h('td', { class: 'num' }, formatUsd(totals[d - 1]))));
  }
  const data = h('details', { class: 'chart-data' },
    h('summary', {}, 'Show the numbers as a table'),
    h('div', { class: 'table-wrap' },
      h('table', {},
        h('caption', { class: 'sr-only' }, title + ', per day and model'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), series.map((se) => h('th', { scope: 'col', class: 'num' }, se.name)), h('th', { scope: 'col', class: 'num' }, 'Total'))),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: series.length + 2, class: 'muted' }, 'No spend.'))))));

  return h('figure', { class: 'chart-figure' },
    svg,
    h('figcaption', {}, h('p', { class: 'muted small' }, summary), legend),
    data);
}

export function monthName(month) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
