// The participant's page: join, write notes into the board's blocks and stages, see and withdraw
// one's own notes while face down, vote during a round. Live updates come by server-sent events;
// every update is the whole view, so a reconnect is always right. Text from the board or other
// people is only ever set as textContent, never parsed as HTML.
'use strict';

const MAX_CHARS = 280;
const STORE = 'tandem-room';
// No event for this long (the server pings every 15 s) means the stream is dead: start again.
const SILENCE_MS = 40000;

const $ = (id) => document.getElementById(id);
const state = {
  // The room's key from the link (the QR code); without it, the join code is typed.
  linkKey: null,
  // What this phone joined with (key or code), to tell whether a stored token is for this room.
  key: null,
  token: null,
  name: '',
  view: null,
  source: null,
  lastEvent: 0,
  lost: false,
  retryTimer: null,
  retryDelay: 1000,
  backTimer: null,
};

// ---- Storage: the token survives a reload or a phone's browser being closed ----

function load() {
  try {
    return JSON.parse(localStorage.getItem(STORE) || '{}');
  } catch (e) {
    return {};
  }
}

function save() {
  try {
    localStorage.setItem(STORE, JSON.stringify({ key: state.key, token: state.token, name: state.name }));
  } catch (e) {
    // Private browsing may refuse storage; the page still works until it is closed.
  }
}

// ---- Requests ----

// Nonces let the server recognise a retried note. Plain HTTP on a LAN address is not a secure
// context, so crypto.randomUUID may be missing; getRandomValues is always there.
function nonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function api(method, path, body) {
  const headers = {};
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  return { status: response.status, data, retryAfter: Number(response.headers.get('Retry-After')) || 0 };
}

function errorText(result) {
  return (result.data && result.data.error) || 'Something went wrong (' + result.status + ')';
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- Joining ----

function showJoin(message) {
  $('room').hidden = true;
  $('join').hidden = false;
  $('code-row').hidden = Boolean(state.linkKey);
  $('join-error').textContent = message || '';
  $('name').value = state.name || '';
}

async function join(event) {
  event.preventDefault();
  const key = state.linkKey || $('code').value.trim();
  if (!key) {
    $('join-error').textContent = 'Type the join code shown on the projector.';
    return;
  }
  const button = event.submitter || $('join-form').querySelector('button');
  button.disabled = true;
  try {
    const result = await api('POST', '/api/join', { key, name: $('name').value });
    if (result.status !== 200) {
      $('join-error').textContent = errorText(result);
      return;
    }
    state.key = key;
    state.token = result.data.token;
    state.name = result.data.name;
    save();
    await enter();
  } catch (e) {
    $('join-error').textContent = 'Cannot reach the room. Is this phone on the same Wi-Fi as the projector?';
  } finally {
    button.disabled = false;
  }
}

function leave() {
  disconnect();
  state.token = null;
  save();
  showJoin('');
}

async function enter() {
  $('join').hidden = true;
  $('room').hidden = false;
  connect();
}

// ---- Live updates ----

function disconnect() {
  if (state.source) state.source.close();
  state.source = null;
  clearTimeout(state.retryTimer);
}

function connect() {
  disconnect();
  if (!state.token) return;
  state.lastEvent = Date.now();
  const source = new EventSource('/api/events?token=' + encodeURIComponent(state.token));
  state.source = source;
  source.addEventListener('view', (e) => {
    state.lastEvent = Date.now();
    state.retryDelay = 1000;
    online();
    render(JSON.parse(e.data));
  });
  source.addEventListener('ping', () => {
    state.lastEvent = Date.now();
  });
  source.addEventListener('removed', () => {
    disconnect();
    state.token = null;
    save();
    showJoin('You were removed from the room.');
  });
  source.onerror = () => {
    if (state.source !== source) return;
    offline();
    // The browser retries by itself unless the server refused (closed); then find out why.
    if (source.readyState === EventSource.CLOSED) retrySoon();
  };
}

function retrySoon() {
  disconnect();
  state.retryTimer = setTimeout(check, state.retryDelay);
  state.retryDelay = Math.min(state.retryDelay * 2, 10000);
}

// After a refused stream: a token the room no longer knows (closed, removed) means joining again.
async function check() {
  try {
    const result = await api('GET', '/api/board');
    if (result.status === 401) {
      state.token = null;
      save();
      showJoin('The room was closed or restarted: join again.');
      return;
    }
  } catch (e) {
    // Still unreachable: keep trying.
  }
  connect();
}

function offline() {
  if (state.lost) return;
  state.lost = true;
  clearTimeout(state.backTimer);
  const banner = $('connection');
  banner.textContent = 'Connection lost. Trying again…';
  banner.className = 'banner lost';
  banner.hidden = false;
}

function online() {
  if (!state.lost) return;
  state.lost = false;
  const banner = $('connection');
  banner.textContent = 'Connected again.';
  banner.className = 'banner back';
  state.backTimer = setTimeout(() => {
    banner.hidden = true;
  }, 3000);
}

// A phone that slept keeps a dead connection the browser may not notice: start afresh on waking,
// and whenever the stream has been silent too long.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && state.token) connect();
});
window.addEventListener('online', () => {
  if (state.token) connect();
});
setInterval(() => {
  if (state.token && state.source && Date.now() - state.lastEvent > SILENCE_MS) {
    offline();
    connect();
  }
}, 5000);

// ---- Rendering (textContent only) ----

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function targetTitle(view, key) {
  const target = view.targets.find((t) => t.key === key);
  return target ? target.title : 'elsewhere on the board';
}

function render(view) {
  const before = state.view;
  state.view = view;
  document.title = view.title + ' · Tandem room';
  $('title').textContent = view.title;
  $('me').textContent = view.me.name;
  $('silent').hidden = !view.silent;

  $('presenting').hidden = !view.presenting;
  if (view.presenting) {
    $('presenting-title').textContent = view.presenting.title;
    $('presenting-question').textContent = view.presenting.question;
  }

  renderTargets(view, before);
  renderVoting(view);
  renderMine(view);
}

function renderTargets(view, before) {
  const select = $('target');
  const chosen = followChoice(before, view, select.value);
  select.replaceChildren();
  const prompt = el('option', '', 'Choose a block or a journey stage');
  prompt.value = '';
  select.append(prompt);
  const groups = new Map();
  for (const target of view.targets) {
    const name = target.kind === 'stage' ? target.question : 'Canvas';
    if (!groups.has(name)) {
      const group = el('optgroup');
      group.label = name;
      groups.set(name, group);
      select.append(group);
    }
    const option = el('option', '', target.title);
    option.value = target.key;
    groups.get(name).append(option);
  }
  select.value = view.targets.some((t) => t.key === chosen) ? chosen : '';
  showQuestion();
}

// A stage's key is its place in the journey, so when the facilitator moves stages the key chosen
// names another stage. The choice follows its stage by title; a renamed stage (same place, no
// other stage of the old title) keeps its key.
function followChoice(before, view, key) {
  const was = before && before.targets.find((t) => t.key === key);
  if (!was || view.targets.some((t) => t.key === key && t.title === was.title)) return key;
  const moved = view.targets.find((t) => t.kind === was.kind && t.title === was.title);
  return moved ? moved.key : key;
}

function showQuestion() {
  const view = state.view;
  const target = view && view.targets.find((t) => t.key === $('target').value);
  let question = '';
  if (target) question = target.kind === 'block' ? target.question : 'A stage of the ' + target.question.toLowerCase();
  $('target-question').textContent = question;
  updateCounter();
}

function renderVoting(view) {
  $('voting').hidden = !view.voting;
  const list = $('vote-list');
  list.replaceChildren();
  if (!view.voting) {
    voteStatus('');
    return;
  }
  const left = view.voting.dots_left;
  $('dots').textContent = left + ' of ' + view.voting.dots_per_person + ' dots left';
  let group = null;
  const notes = view.notes.slice().sort((a, b) => order(view, a.target) - order(view, b.target));
  for (const note of notes) {
    if (group !== note.target || list.childElementCount === 0) {
      group = note.target;
      list.append(el('h3', 'group', targetTitle(view, note.target)));
    }
    const item = el('div', 'note');
    item.append(el('p', '', note.text));
    const meta = el('div', 'meta');
    meta.append(el('span', '', note.votes + (note.votes === 1 ? ' dot' : ' dots') + ' in all'));
    const controls = el('div', 'vote');
    const less = el('button', 'secondary', '−');
    less.type = 'button';
    less.setAttribute('aria-label', 'Take back a dot');
    less.disabled = note.my_dots === 0;
    less.addEventListener('click', () => vote(note.id, -1));
    const more = el('button', 'secondary', '+');
    more.type = 'button';
    more.setAttribute('aria-label', 'Add a dot');
    more.disabled = left === 0;
    more.addEventListener('click', () => vote(note.id, 1));
    controls.append(less, el('span', 'mydots', 'yours: ' + note.my_dots), more);
    meta.append(controls);
    item.append(meta);
    list.append(item);
  }
  if (notes.length === 0) list.append(el('p', 'hint', 'No notes to vote on yet.'));
}

function order(view, key) {
  const i = view.targets.findIndex((t) => t.key === key);
  return i < 0 ? view.targets.length : i;
}

function renderMine(view) {
  const list = $('mine');
  list.replaceChildren();
  $('mine-empty').hidden = view.mine.length > 0;
  for (const note of view.mine.slice().reverse()) {
    const item = el('li', note.face_down ? 'note down' : 'note');
    item.append(el('p', '', note.text));
    const meta = el('div', 'meta');
    if (note.face_down) {
      meta.append(el('span', '', targetTitle(view, note.target) + ' · face down'));
      const withdraw = el('button', 'secondary', 'Withdraw');
      withdraw.type = 'button';
      withdraw.addEventListener('click', () => withdrawNote(note.id, withdraw));
      meta.append(withdraw);
    } else {
      const dots = note.votes === 1 ? ' · 1 dot' : note.votes > 1 ? ' · ' + note.votes + ' dots' : '';
      meta.append(el('span', '', targetTitle(view, note.target) + ' · on the board' + dots));
    }
    item.append(meta);
    list.append(item);
  }
}

// ---- Writing, withdrawing, voting ----

const chars = (text) => Array.from(text.trim()).length;

function updateCounter() {
  const n = chars($('text').value);
  const counter = $('counter');
  counter.textContent = n + ' / ' + MAX_CHARS;
  counter.classList.toggle('over', n > MAX_CHARS);
  $('send').disabled = n === 0 || n > MAX_CHARS || !$('target').value;
}

function tell(line, text, isError) {
  line.textContent = text;
  line.classList.toggle('error', Boolean(isError));
}

// The note form's line, under the form.
const status = (text, isError) => tell($('note-status'), text, isError);
// The voting card's line, beside the dots left: a refused dot is said where it was tapped.
const voteStatus = (text, isError) => tell($('vote-status'), text, isError);

// Sends a note, retrying with the same nonce while the network or the facilitator's Tandem is
// slow: the server turns retries into the same note, never a second one.
async function sendNote(event) {
  event.preventDefault();
  const body = { target: $('target').value, text: $('text').value, nonce: nonce() };
  $('send').disabled = true;
  status('Sending…');
  for (let attempt = 0; attempt < 8; attempt++) {
    let result;
    try {
      result = await api('POST', '/api/notes', body);
    } catch (e) {
      status('No connection. Trying again…', true);
      await sleep(Math.min(1000 * 2 ** attempt, 8000));
      continue;
    }
    if (result.status === 201) {
      $('text').value = '';
      status(state.view && state.view.silent ? 'Added, face down.' : 'Added to the board.');
      updateCounter();
      return;
    }
    if (result.status === 503 || result.status === 429) {
      status(errorText(result), true);
      await sleep(Math.max(result.retryAfter * 1000, 1000));
      continue;
    }
    if (result.status === 401) {
      leave();
      $('join-error').textContent = 'The room does not know you any more: join again. Your note is still here.';
      return;
    }
    status(errorText(result), true);
    updateCounter();
    return;
  }
  status('Could not send the note. Your text is still here: try again.', true);
  updateCounter();
}

async function withdrawNote(id, button) {
  button.disabled = true;
  try {
    const result = await api('DELETE', '/api/notes/' + id);
    if (result.status !== 200) status(errorText(result), true);
  } catch (e) {
    status('No connection: the note may not have been withdrawn. This list shows what the room has once the phone is back online.', true);
  } finally {
    button.disabled = false;
  }
}

async function vote(id, delta) {
  try {
    const result = await api('POST', '/api/votes', { note: id, delta });
    voteStatus(result.status === 200 ? '' : errorText(result), true);
  } catch (e) {
    voteStatus('No connection: the dot may not have been counted. Your dots here show what the room has once the phone is back online.', true);
  }
}

// ---- Start ----

function start() {
  const stored = load();
  const match = /[#&]k=([^&]+)/.exec(location.hash);
  state.linkKey = match ? decodeURIComponent(match[1]) : null;
  state.name = stored.name || '';
  // A link to another room makes the stored token useless; without a link, the server says
  // whether the stored token still works.
  if (!state.linkKey || stored.key === state.linkKey) {
    state.key = stored.key || null;
    state.token = stored.token || null;
  }
  $('join-form').addEventListener('submit', join);
  $('note-form').addEventListener('submit', sendNote);
  $('text').addEventListener('input', () => {
    status('');
    updateCounter();
  });
  $('target').addEventListener('change', showQuestion);
  $('leave').addEventListener('click', leave);
  // A room's link differs from the last one's only after the '#' when the address is the same
  // (the default port), and the browser then opens it in this page without loading it: start
  // again from the new link.
  window.addEventListener('hashchange', () => location.reload());
  if (state.token) {
    enter();
  } else {
    showJoin('');
  }
}

start();
