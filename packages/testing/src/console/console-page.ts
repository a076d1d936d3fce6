/**
 * The console page: one HTML document with its CSS and script inline, no build step and
 * nothing fetched from elsewhere (it works offline). Everything a call carries is put in
 * the page as text (`textContent`), never as HTML: player ids are caller input.
 */

const style = `
:root { --bg:#f6f7f9; --panel:#fff; --line:#dde1e6; --text:#1c2430; --dim:#6b7684; --ok:#13794b; --warn:#a15c00; --bad:#b42318; --accent:#2f5fd0; }
* { box-sizing: border-box; }
body { margin:0; font:13px/1.4 system-ui, sans-serif; color:var(--text); background:var(--bg); }
header { display:flex; gap:16px; align-items:center; padding:10px 16px; background:#16202e; color:#fff; }
header h1 { font-size:15px; margin:0; }
header .what { color:#aab4c3; }
header .faults { margin-left:auto; padding:2px 8px; border-radius:10px; background:#2a3648; }
header .faults.on { background:var(--bad); }
main { display:grid; grid-template-columns: minmax(0,3fr) minmax(320px,2fr); gap:12px; padding:12px; }
section { overflow-x:auto; background:var(--panel); border:1px solid var(--line); border-radius:6px; padding:10px; min-width:0; }
h2 { font-size:13px; margin:0 0 8px; text-transform:uppercase; letter-spacing:.04em; color:var(--dim); }
table { width:100%; border-collapse:collapse; }
th, td { text-align:left; padding:3px 6px; border-bottom:1px solid var(--line); white-space:nowrap; overflow:hidden; text-overflow:ellipsis; max-width:200px; }
th { color:var(--dim); font-weight:600; }
#calls tbody tr { cursor:pointer; }
#calls tbody tr:hover { background:#eef2fb; }
#calls tbody tr.chosen { background:#dde6fb; }
.s200 { color:var(--ok); font-weight:600; } .s4xx { color:var(--warn); font-weight:600; } .s5xx, .s0 { color:var(--bad); font-weight:600; }
.filters { display:flex; gap:6px; margin-bottom:8px; flex-wrap:wrap; }
input, select, button { font:inherit; padding:3px 6px; border:1px solid var(--line); border-radius:4px; background:#fff; }
button { cursor:pointer; background:#eef1f5; } button:hover { background:#e2e7ee; }
button.primary { background:var(--accent); color:#fff; border-color:var(--accent); }
pre { background:#0f1722; color:#d7dee8; padding:8px; border-radius:4px; white-space:pre-wrap; word-break:break-all; max-height:260px; overflow:auto; margin:4px 0 8px; }
.side { display:flex; flex-direction:column; gap:12px; min-width:0; }
.row { display:flex; gap:6px; align-items:center; flex-wrap:wrap; margin:4px 0; }
.note { color:var(--dim); font-size:12px; }
.tag { display:inline-block; padding:0 6px; border-radius:8px; background:#eef1f5; margin-right:4px; }
.tag.bad { background:#fde2e0; color:var(--bad); }
#error { color:var(--bad); min-height:1em; }
#players td:last-child { white-space:normal; max-width:none; }
#players label { margin-right:8px; white-space:nowrap; }
#live { color:var(--text); }
pre:empty { display:none; }
`;

const script = `
'use strict';
const $ = (id) => document.getElementById(id);
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== null) node.append(typeof c === 'string' || typeof c === 'number' ? String(c) : c);
  return node;
}
async function act(name, body) {
  $('error').textContent = '';
  const response = await fetch('/console/api/' + name, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) });
  const answer = await response.json().catch(() => ({ error: 'HTTP ' + response.status }));
  if (!response.ok) { $('error').textContent = answer.error || ('HTTP ' + response.status); throw new Error(answer.error); }
  return answer;
}
const money = (n) => n === undefined ? '' : (n / 100).toFixed(2);
let calls = [];
let chosen;
let state;

function statusClass(s) { return s === 200 ? 's200' : s >= 500 || s === 0 ? 's5xx' : 's4xx'; }
function outcome(r) {
  const c = r.call || {};
  if (r.fault) return 'fault: ' + r.fault;
  if (r.status === 0) return 'no answer';
  if (c.replayed) return 'replayed';
  if (r.status !== 200) return 'refused: ' + (c.reason || r.answer || '');
  return '';
}
function roundOf(r) { try { return String(JSON.parse(r.body).payload.provider_transfer_data.round_id); } catch { return ''; } }
function shown(r) {
  const f = (id) => $(id).value.trim();
  const c = r.call || {};
  if (f('f-player') && c.player_id !== f('f-player')) return false;
  if (f('f-round') && roundOf(r) !== f('f-round')) return false;
  if (f('f-action') && c.action !== f('f-action')) return false;
  const s = f('f-status');
  if (s === 'ok' && r.status !== 200) return false;
  if (s === 'refused' && (r.status === 200 || r.status >= 500 || r.status === 0)) return false;
  if (s === 'failed' && !(r.status >= 500 || r.status === 0)) return false;
  return true;
}
function renderCalls() {
  const rows = calls.filter(shown).map((r) => {
    const c = r.call || {};
    const balance = c.balance_after === undefined ? '' : (c.balance_before !== undefined && c.balance_before !== c.balance_after && c.action !== 'balance' ? money(c.balance_before) + ' → ' : '') + money(c.balance_after);
    return el('tr', { 'data-id': String(r.id), class: chosen === r.id ? 'chosen' : '', onclick: () => choose(r.id) },
      el('td', {}, r.time.slice(11, 23)), el('td', { class: 'action' }, c.action || r.method + ' ' + r.path),
      el('td', { class: 'player' }, c.player_id || ''), el('td', { class: 'amount' }, c.amount === undefined ? '' : money(c.amount)),
      el('td', { class: 'status ' + statusClass(r.status) }, r.status || '—'), el('td', { class: 'balance' }, balance),
      el('td', { class: 'outcome', title: outcome(r) }, outcome(r)), el('td', {}, r.duration_ms + ' ms'));
  });
  $('calls-body').replaceChildren(...rows);
  $('count').textContent = rows.length + ' of ' + calls.length;
}
function headersText(list) { return list.map(([k, v]) => k + ': ' + v).join('\\n'); }
function choose(id) {
  chosen = id;
  const r = calls.find((c) => c.id === id);
  renderCalls();
  if (!r) return;
  $('detail').hidden = false;
  $('req-line').textContent = r.method + ' ' + r.path;
  $('req-headers').textContent = headersText(r.headers);
  $('req-body').textContent = r.body === undefined ? '(no body read: ' + (r.fault ? 'the fault answered first' : 'none') + ')' : r.body + (r.bodyCut ? '\\n… (' + r.bodyCut + ' bytes, cut)' : '');
  $('res-line').textContent = r.status ? String(r.status) : 'no answer' + (r.fault ? ' (fault: ' + r.fault + ')' : '');
  $('res-headers').textContent = headersText(r.answerHeaders);
  $('res-body').textContent = r.answer === undefined ? '' : r.answer;
  $('curl').textContent = '';
  $('copy-curl').disabled = r.body === undefined;
}
async function copyCurl() {
  const { curl } = await act('curl', { id: chosen });
  $('curl').textContent = curl;
  try { await navigator.clipboard.writeText(curl); $('curl-note').textContent = 'copied'; } catch { $('curl-note').textContent = 'select and copy'; }
}
function toggle(player, field, label) {
  return el('label', {}, el('input', { type: 'checkbox', 'data-field': field, checked: player[field], onchange: (e) => act('player/change', { player_id: player.player_id, [field]: e.target.checked }) }), ' ' + label);
}
function renderState() {
  const s = state;
  $('what').textContent = s.description;
  const rows = s.players.map((p) => el('tr', { 'data-player': p.player_id },
    el('td', { class: 'player' }, p.player_id), el('td', { class: 'balance' }, money(p.balance) + ' ' + p.currency_code),
    el('td', {}, toggle(p, 'blocked', '407 blocked'),
      s.refusals ? toggle(p, 'limit_reached', '418 limit') : undefined,
      s.refusals ? toggle(p, 'game_unavailable', '405 game') : undefined)));
  $('players-body').replaceChildren(...rows);
  $('players-note').textContent = s.refusals ? '' : 'This ledger (PostgreSQL) cannot refuse bets 418 (responsible-gaming limit) or 405 (game unavailable); lists players created here or seen in a call.';
  const f = s.faults;
  const on = f && f.describe !== 'none';
  $('faults-state').textContent = f ? 'faults: ' + f.describe : 'faults: off';
  $('faults-state').className = 'faults' + (on ? ' on' : '');
  if (f && document.activeElement?.closest?.('#faults') == null) {
    $('fault-503').value = Math.round(f.unavailable * 100);
    $('fault-drop').value = Math.round(f.drop * 100);
    $('fault-delay').value = Math.round(f.delay * 100);
    $('fault-delay-ms').value = f.delayMs || 6000;
  }
  $('faults-active').textContent = f ? f.describe : '';
}
function applyFaults() {
  const pct = (id) => Number($(id).value || 0) + '%';
  const spec = ['503=' + pct('fault-503'), 'drop=' + pct('fault-drop'), 'delay=' + pct('fault-delay') + ':' + Number($('fault-delay-ms').value || 0) + 'ms'].join(',');
  return act('faults', { spec });
}
function player() { return $('p-id').value.trim(); }
function cents(id) { return Math.round(Number($(id).value) * 100); }
window.addEventListener('DOMContentLoaded', () => {
  for (const id of ['f-player', 'f-round', 'f-action', 'f-status']) $(id).addEventListener('input', renderCalls);
  $('copy-curl').addEventListener('click', copyCurl);
  $('create').addEventListener('click', () => act('player/create', { player_id: player(), currency_code: $('p-currency').value.trim(), balance: cents('p-amount') }));
  $('deposit').addEventListener('click', () => act('player/deposit', { player_id: player(), amount: cents('p-amount') }));
  $('withdraw').addEventListener('click', () => act('player/withdraw', { player_id: player(), amount: cents('p-amount') }));
  $('apply-faults').addEventListener('click', applyFaults);
  $('clear-faults').addEventListener('click', () => act('faults', { clear: true }));
  $('down').addEventListener('click', () => act('faults', { down_ms: Number($('down-s').value) * 1000 }));
  const events = new EventSource('/console/events');
  events.addEventListener('calls', (e) => { calls = JSON.parse(e.data); renderCalls(); });
  events.addEventListener('call', (e) => { calls.unshift(JSON.parse(e.data)); if (calls.length > 500) calls.pop(); renderCalls(); });
  events.addEventListener('state', (e) => { state = JSON.parse(e.data); renderState(); });
  events.addEventListener('open', () => { $('live').textContent = 'live'; });
  events.addEventListener('error', () => { $('live').textContent = 'reconnecting…'; });
});
`;

const body = `
<header><h1>tbb-wallet sandbox</h1><span class="what" id="what"></span><span id="live" class="tag">connecting…</span><span id="faults-state" class="faults">faults: off</span></header>
<main>
<section>
  <h2>Calls <span class="note" id="count"></span></h2>
  <div class="filters">
    <input id="f-player" placeholder="player" size="10"><input id="f-round" placeholder="round" size="10">
    <select id="f-action"><option value="">any action</option><option>balance</option><option>bet</option><option>win</option><option>refund</option><option>rollback-win</option></select>
    <select id="f-status"><option value="">any status</option><option value="ok">200</option><option value="refused">refused (4xx)</option><option value="failed">failed (5xx, none)</option></select>
  </div>
  <table id="calls"><thead><tr><th>time</th><th>action</th><th>player</th><th>amount</th><th>status</th><th>balance</th><th>outcome</th><th>took</th></tr></thead><tbody id="calls-body"></tbody></table>
  <div id="detail" hidden>
    <h2>Request <span class="note" id="req-line"></span></h2>
    <pre id="req-headers"></pre><pre id="req-body"></pre>
    <div class="row"><button id="copy-curl">Copy as curl</button><span class="note" id="curl-note">signed by this sandbox for this body; the secret stays here</span></div>
    <pre id="curl"></pre>
    <h2>Answer <span class="note" id="res-line"></span></h2>
    <pre id="res-headers"></pre><pre id="res-body"></pre>
  </div>
</section>
<div class="side">
<section id="players">
  <h2>Players</h2>
  <table><thead><tr><th>player</th><th>balance</th><th>refuse</th></tr></thead><tbody id="players-body"></tbody></table>
  <div class="row"><input id="p-id" placeholder="player id" size="10"><input id="p-amount" placeholder="amount" size="7" value="10.00"><input id="p-currency" value="EUR" size="4"></div>
  <div class="row"><button id="create">Create</button><button id="deposit">Deposit</button><button id="withdraw">Withdraw</button></div>
  <p class="note" id="players-note"></p>
</section>
<section id="faults">
  <h2>Faults <span class="note" id="faults-active"></span></h2>
  <div class="row"><label>503 <input id="fault-503" type="number" min="0" max="100" size="3" value="0">%</label>
  <label>drop <input id="fault-drop" type="number" min="0" max="100" size="3" value="0">%</label></div>
  <div class="row"><label>delay <input id="fault-delay" type="number" min="0" max="100" size="3" value="0">%</label>
  <label>by <input id="fault-delay-ms" type="number" min="0" size="5" value="6000"> ms</label></div>
  <div class="row"><button id="apply-faults" class="primary">Apply</button><button id="clear-faults">Clear</button>
  <label>down for <input id="down-s" type="number" min="0" size="3" value="10"> s</label><button id="down">Go down</button></div>
</section>
<p id="error"></p>
</div>
</main>
`;

/** The whole page. */
export const consolePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>tbb-wallet sandbox console</title><style>${style}</style></head>
<body>${body}<script>${script}</script></body></html>
`;
