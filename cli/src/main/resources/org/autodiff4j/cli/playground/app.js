// The playground page: sends the formula to POST /api/differentiate as the user types, and draws
// the value, gradient, Hessian, graph and traces it gets back. No libraries; state lives in the URL.
'use strict';

const EXAMPLES = [
  { name: 'Baydin et al.: ln(x1) + x1 x2 - sin(x2)', f: 'log(x1) + x1*x2 - sin(x2)', at: { x1: 2, x2: 5 } },
  { name: 'Griewank: x1 x2 + sin(x1)', f: 'x1*x2 + sin(x1)', at: { x1: 2, x2: 3 } },
  { name: '(a + b) ln(b + c)', f: '(a+b)*log(b+c)', at: { a: 1, b: 3, c: 6 } },
  { name: 'ln((x1 + x2)^2 + sin(x1 x2))', f: 'log((x1+x2)^2 + sin(x1*x2))', at: { x1: 1, x2: 0.5 } },
  { name: 'sin(x^2 + 1)', f: 'sin(x^2+1)', at: { x: 0.5 } },
  { name: 'fan-out: x*x + x', f: 'x*x + x', at: { x: 3 } },
  { name: 'where: if(x > 0, sqrt(x), 0) at 0', f: 'if(x > 0, sqrt(x), 0)', at: { x: 0 } },
  { name: 'softplus and sigmoid', f: 'softplus(w*x + b) * sigmoid(x)', at: { w: 0.5, x: 2, b: -1 } },
];

const $ = (id) => document.getElementById(id);
const state = { point: {}, response: null, step: 0, timer: null, pending: null };

function fmt(v, digits) {
  if (typeof v !== 'number') return String(v);           // "NaN", "Infinity" as the server writes them
  if (v === 0) return '0';
  const s = Number(v.toPrecision(digits || 12)).toString();
  return s;
}

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// ---- the URL holds the state: ?f=...&at=x=1,y=2&mode=reverse&seed=x&hessian=1 ----------------------

function readUrl() {
  const q = new URLSearchParams(location.search);
  if (q.has('f')) $('formula').value = q.get('f');
  if (q.has('at')) {
    for (const pair of q.get('at').split(',')) {
      const [k, v] = pair.split('=');
      if (k && v !== undefined && v !== '' && !isNaN(Number(v))) state.point[k] = Number(v);
    }
  }
  if (q.get('mode') === 'forward') $('mode').value = 'forward';
  state.seed = q.get('seed') || '';
  $('hessian').checked = q.get('hessian') === '1';
}

function writeUrl() {
  const q = new URLSearchParams();
  q.set('f', $('formula').value);
  const vars = state.response ? state.response.variables : Object.keys(state.point);
  q.set('at', vars.filter((v) => v in state.point).map((v) => v + '=' + state.point[v]).join(','));
  q.set('mode', $('mode').value);
  if ($('seed').value) q.set('seed', $('seed').value);
  if ($('hessian').checked) q.set('hessian', '1');
  history.replaceState(null, '', '?' + q.toString());
}

// ---- talking to the server ----------------------------------------------------------------------

function schedule() {
  clearTimeout(state.pending);
  state.pending = setTimeout(differentiate, 120);
}

async function differentiate() {
  const body = {
    expression: $('formula').value,
    point: state.point,
    mode: $('mode').value,
    seed: $('seed').value || state.seed || undefined,
    hessian: $('hessian').checked,
  };
  let res, json;
  try {
    res = await fetch('/api/differentiate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    json = await res.json();
  } catch (e) {
    showError('the server did not answer: ' + e.message);
    return;
  }
  if (body.expression !== $('formula').value) return;   // an older answer; a newer request is on its way
  if (!res.ok) {
    showError(json.error + (json.caret ? '\n' + json.caret : ''));
    return;
  }
  showError(null);
  state.response = json;
  for (const [k, v] of Object.entries(json.point)) if (!(k in state.point)) state.point[k] = v;
  render();
  writeUrl();
}

function showError(message) {
  const e = $('error');
  e.hidden = !message;
  e.textContent = message || '';
  document.body.classList.toggle('has-error', !!message);
}

// ---- rendering ----------------------------------------------------------------------------------

function render() {
  const r = state.response;
  renderVariables(r);
  $('value').textContent = fmt(r.value, 15);
  renderGradient(r);
  renderHessian(r);
  renderForward(r);
  state.step = r.reverse.rows.length;      // the whole backward pass; the buttons walk it
  stopPlaying();
  renderReverse();
}

function renderVariables(r) {
  const box = $('variables');
  const existing = Array.from(box.querySelectorAll('input')).map((i) => i.dataset.name);
  if (existing.join(',') !== r.variables.join(',')) {
    box.replaceChildren();
    for (const name of r.variables) {
      const id = 'var-' + name;
      box.append(el('label', { for: id }, name + ' ='));
      const input = el('input', { id, type: 'number', step: 'any', 'data-name': name });
      input.value = r.point[name];
      input.addEventListener('input', () => {
        const v = Number(input.value);
        if (input.value !== '' && !isNaN(v)) { state.point[name] = v; schedule(); }
      });
      box.append(input);
    }
  }
  const seed = $('seed');
  const wanted = seed.value || state.seed;
  if (Array.from(seed.options).map((o) => o.value).join(',') !== r.variables.join(',')) {
    seed.replaceChildren(...r.variables.map((v) => el('option', { value: v }, v)));
  }
  if (r.variables.includes(wanted)) seed.value = wanted;
  seed.disabled = $('mode').value !== 'forward';
}

function renderGradient(r) {
  const t = $('gradient');
  t.replaceChildren();
  for (const name of r.variables) {
    const tr = el('tr');
    tr.append(el('th', {}, '\u2202f/\u2202' + name), el('td', { 'data-var': name }, fmt(r.gradient[name], 15)));
    t.append(tr);
  }
}

function renderHessian(r) {
  $('hessian-box').hidden = !r.hessian;
  if (!r.hessian) return;
  const t = $('hessian-table');
  t.replaceChildren();
  const head = el('tr');
  head.append(el('th', {}, ''));
  for (const name of r.variables) head.append(el('th', {}, name));
  t.append(head);
  for (const a of r.variables) {
    const tr = el('tr');
    tr.append(el('th', {}, a));
    for (const b of r.variables) tr.append(el('td', {}, fmt(r.hessian[a][b], 10)));
    t.append(tr);
  }
}

function renderForward(r) {
  const forward = $('mode').value === 'forward' && r.forward;
  $('forward-box').hidden = !forward;
  $('node-quantity').textContent = forward ? 'tangent' : 'adjoint';
  if (!forward) return;
  $('seed-name').textContent = r.forward.seed;
  const t = $('forward-table');
  t.replaceChildren();
  const head = el('tr');
  for (const h of ['step', 'primal value', 'tangent']) head.append(el('th', { class: h === 'step' ? 'text' : '' }, h));
  t.append(head);
  for (const row of r.forward.rows) {
    const tr = el('tr');
    tr.append(el('td', { class: 'text' }, row.text), el('td', {}, fmt(row.value)), el('td', {}, fmt(row.tangent)));
    t.append(tr);
  }
}

// The reverse pass, walked: after k steps the first k rows (output first) have their adjoints.
function renderReverse() {
  const r = state.response;
  const rows = r.reverse.rows;
  const k = state.step;
  const done = new Set(rows.slice(0, k).map((row) => row.step));
  const current = k > 0 && k <= rows.length ? rows[k - 1] : null;
  $('step-status').textContent = k === rows.length ? 'backward pass complete (' + rows.length + ' steps)'
    : 'step ' + k + ' of ' + rows.length;
  $('step-formula').textContent = current ? adjointFormula(current) : 'press step to start at the output, whose adjoint is 1';
  const t = $('reverse-table');
  t.replaceChildren();
  const head = el('tr');
  for (const h of ['step', 'value', 'adjoint', 'contributions (+=)']) head.append(el('th', { class: h === 'step' || h.startsWith('contr') ? 'text' : '' }, h));
  t.append(head);
  rows.forEach((row, i) => {
    const tr = el('tr', { class: i === k - 1 ? 'current' : i >= k ? 'pending' : '' });
    const contributions = i >= k ? '' : row.contributions.map((c) => 'v\u0304' + c.from + '\u00b7' + paren(fmt(c.partial, 6)) + ' = ' + fmt(c.amount, 6)).join(' + ')
      || (row.step === r.graph.output ? 'seed: 1' : '(unused: 0)');
    tr.append(el('td', { class: 'text' }, row.text), el('td', {}, fmt(row.value)),
      el('td', { class: 'adj' }, i < k ? fmt(row.adjoint) : '?'), el('td', { class: 'text' }, contributions));
    t.append(tr);
  });
  drawGraph(r, done, current);
}

function adjointFormula(row) {
  const name = 'v\u0304' + row.step;
  if (row.contributions.length === 0) return name + ' = ' + fmt(row.adjoint) + (row.step === state.response.graph.output ? '  (the output: seeded with 1)' : '');
  const terms = row.contributions.map((c) => 'v\u0304' + c.from + ' \u00b7 \u2202v' + c.from + '/\u2202v' + row.step);
  const values = row.contributions.map((c) => fmt(c.amount, 8));
  return name + ' = ' + terms.join(' + ') + ' = ' + values.join(' + ') + ' = ' + fmt(row.adjoint);
}

function drawGraph(r, done, current) {
  const g = r.graph;
  const forward = $('mode').value === 'forward' && r.forward;
  const tangents = forward ? Object.fromEntries(r.forward.rows.map((row) => [row.step, row.tangent])) : null;
  const root = svg('svg', { width: g.width, height: g.height, viewBox: '0 0 ' + g.width + ' ' + g.height, role: 'img' });
  const defs = svg('defs');
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#8a94a3' }));
  defs.append(marker);
  root.append(defs);
  const byId = Object.fromEntries(g.nodes.map((n) => [n.id, n]));
  const active = new Set(current && !forward ? current.contributions.map((c) => c.from + '>' + current.step) : []);
  for (const e of g.edges) {
    const a = byId[e.from], b = byId[e.to];
    const x1 = a.x + g.nodeWidth / 2, y1 = a.y, x2 = b.x - g.nodeWidth / 2, y2 = b.y;
    const mx = (x1 + x2) / 2;
    const group = svg('g', { class: 'edge' + (active.has(e.to + '>' + e.from) ? ' active' : ''), 'data-from': e.from, 'data-to': e.to });
    group.append(svg('path', { d: `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`, 'marker-end': 'url(#arrow)' }));
    const label = fmt(e.partial, 4);
    const lx = mx, ly = (y1 + y2) / 2 - 3;
    group.append(svg('rect', { class: 'label-bg', x: lx - label.length * 3.2 - 2, y: ly - 9, width: label.length * 6.4 + 4, height: 12, rx: 2 }));
    group.append(svg('text', { x: lx, y: ly, 'text-anchor': 'middle' }, label));
    root.append(group);
  }
  for (const n of g.nodes) {
    const cls = ['node', n.kind === 'input' ? 'input' : '', n.id === g.output ? 'output' : '',
      current && current.step === n.id && !forward ? 'current' : '', !forward && !done.has(n.id) ? 'pending' : ''].join(' ');
    const group = svg('g', { class: cls, 'data-id': n.id, transform: `translate(${n.x - g.nodeWidth / 2}, ${n.y - g.nodeHeight / 2})` });
    group.append(svg('rect', { width: g.nodeWidth, height: g.nodeHeight, rx: 6 }));
    const chars = Math.max(8, Math.floor((g.nodeWidth - 16) / 6.7));
    group.append(svg('text', { class: 'op', x: 8, y: 17 }, clip(n.text, chars)));
    group.append(svg('text', { x: 8, y: 35 }, 'value ' + fmt(n.value, 10)));
    const third = forward ? 'tangent ' + fmt(tangents[n.id], 10) : 'adjoint ' + (done.has(n.id) ? fmt(n.adjoint, 10) : '?');
    group.append(svg('text', { class: 'adj', x: 8, y: 53 }, third));
    root.append(group);
  }
  $('graph').replaceChildren(root);
}

function paren(s) {
  return s.startsWith('-') ? '(' + s + ')' : s;
}

function clip(s, n) {
  return s.length <= n ? s : s.slice(0, n - 1) + '\u2026';
}

// ---- the reverse-pass walker --------------------------------------------------------------------

function go(k) {
  if (!state.response) return;
  state.step = Math.max(0, Math.min(state.response.reverse.rows.length, k));
  renderReverse();
}

function stopPlaying() {
  clearInterval(state.timer);
  state.timer = null;
  $('play').textContent = 'play';
}

function togglePlay() {
  if (state.timer) { stopPlaying(); return; }
  if (state.step >= state.response.reverse.rows.length) go(0);
  $('play').textContent = 'pause';
  state.timer = setInterval(() => {
    if (state.step >= state.response.reverse.rows.length) { stopPlaying(); return; }
    go(state.step + 1);
  }, 900);
}

// ---- wiring -------------------------------------------------------------------------------------

function init() {
  const menu = $('examples');
  EXAMPLES.forEach((ex, i) => menu.append(el('option', { value: String(i) }, ex.name)));
  menu.addEventListener('change', () => {
    const ex = EXAMPLES[Number(menu.value)];
    if (!ex) return;
    $('formula').value = ex.f;
    state.point = { ...ex.at };
    $('variables').replaceChildren();
    differentiate();
  });
  readUrl();
  $('formula').addEventListener('input', schedule);
  $('mode').addEventListener('change', differentiate);
  $('seed').addEventListener('change', () => { state.seed = $('seed').value; differentiate(); });
  $('hessian').addEventListener('change', differentiate);
  $('reset').addEventListener('click', () => { stopPlaying(); go(0); });
  $('back').addEventListener('click', () => { stopPlaying(); go(state.step - 1); });
  $('step').addEventListener('click', () => { stopPlaying(); go(state.step + 1); });
  $('all').addEventListener('click', () => { stopPlaying(); go(Infinity); });
  $('play').addEventListener('click', togglePlay);
  if (Object.keys(state.point).length === 0 && !new URLSearchParams(location.search).has('f')) state.point = { x1: 2, x2: 5 };
  differentiate();
}

document.addEventListener('DOMContentLoaded', init);
