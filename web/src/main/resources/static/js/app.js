// What every page shares: the login, calls to the API, the page frame, forms and their problems, live changes.
// Pages build their DOM with el(): text from the API is always set as text, never parsed as HTML.

const AUTH_KEY = 'insight.authorization';
const USER_KEY = 'insight.user';

export function signIn(user, password) {
  sessionStorage.setItem(AUTH_KEY, 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + password))));
  sessionStorage.setItem(USER_KEY, user);
}

export function signOut() {
  sessionStorage.removeItem(AUTH_KEY);
  sessionStorage.removeItem(USER_KEY);
}

function toLogin() {
  if (!location.hash.startsWith('#/login')) {
    location.hash = '#/login?next=' + encodeURIComponent(location.hash.slice(1) || '/');
  }
}

export function signedIn() {
  return sessionStorage.getItem(AUTH_KEY) !== null;
}

/** Calls the API with the signed-in user's credentials; answers {status, ok, body, headers}. */
export async function api(path, {method = 'GET', body, ifMatch, signal} = {}) {
  const headers = {Accept: 'application/json'};
  const authorization = sessionStorage.getItem(AUTH_KEY);
  if (authorization) headers.Authorization = authorization;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = '"' + ifMatch + '"';
  const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal});
  if (response.status === 401) {
    signOut();
    toLogin();
    throw new Error('Signed out');
  }
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = {detail: text}; }
  return {status: response.status, ok: response.ok, body: parsed, headers: response.headers};
}

/** Reads, waiting (via minVersion) until the projection shows a write we just made. */
export async function read(path) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const answer = await api(path);
    if (answer.status !== 503) return answer;
    await new Promise(resolve => setTimeout(resolve, 1000 * Number(answer.headers.get('Retry-After') || 1)));
  }
  return api(path);
}

/** Builds an element: attributes (on* are listeners), then children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(target, ...children) {
  target.replaceChildren();
  append(target, children);
}

export function userName() {
  return sessionStorage.getItem(USER_KEY);
}

export const format = {
  date: iso => iso ? new Date(iso).toLocaleDateString(undefined, {year: 'numeric', month: 'short', day: 'numeric'}) : '',
  dateTime: iso => iso ? new Date(iso).toLocaleString(undefined,
    {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'}) : '',
  percent: value => Math.round(value * 100) + '%',
  words: constant => constant ? constant.charAt(0) + constant.slice(1).toLowerCase().replaceAll('_', ' ') : '',
};

export function confidenceBar(value) {
  const percent = Math.round(value * 100);
  return el('div', {class: 'confidence', role: 'meter', 'aria-label': 'Confidence', 'aria-valuemin': 0,
      'aria-valuemax': 100, 'aria-valuenow': percent},
    el('span', {class: 'bar'}, el('span', {class: 'fill ' + (value >= 0.5 ? 'high' : 'low'), style: 'width:' + percent + '%'})),
    el('span', {class: 'value'}, percent + '%'));
}

export function statusBadge(status) {
  return el('span', {class: 'badge status-' + status.toLowerCase()}, format.words(status));
}

const FLAG_TEXT = {AT_RISK: 'At risk', STALE: 'Stale', SINGLE_SOURCE: 'Single source'};

export function flagBadges(flags = []) {
  return flags.map(flag => el('span', {class: 'badge flag flag-' + flag.toLowerCase().replaceAll('_', '-'),
    title: {AT_RISK: 'Validated, then contradicted by later evidence', STALE: 'Open with no new evidence for a while',
      SINGLE_SOURCE: 'All supporting evidence comes from one organisation'}[flag]}, FLAG_TEXT[flag] || flag));
}

export function hypothesisLink(id, title) {
  return el('a', {href: '#/hypotheses/' + encodeURIComponent(id)}, title || id);
}

export function meetingLink(id, title) {
  return el('a', {href: '#/meetings/' + encodeURIComponent(id)}, title || id);
}

export function organizationLink(name) {
  return name ? el('a', {href: '#/organizations/' + encodeURIComponent(name)}, name) : '';
}

/** A query string from the values that are set. */
export function query(values) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

/** A labelled control: every form control on every page has a label. */
export function field(label, control, hint) {
  const id = control.id || (control.id = 'f-' + Math.random().toString(36).slice(2, 9));
  return el('div', {class: 'field'}, el('label', {for: id}, label), control, hint ? el('p', {class: 'hint'}, hint) : null);
}

export function options(values, selected, blank) {
  return [blank === undefined ? null : el('option', {value: ''}, blank),
    ...values.map(value => {
      const [v, text] = Array.isArray(value) ? value : [value, format.words(value)];
      return el('option', {value: v, selected: v === selected}, text);
    })];
}

/** Clears the problems a form showed for its last submission. */
export function clearProblems(form) {
  form.querySelectorAll('.field-error, .form-error').forEach(node => node.remove());
  form.querySelectorAll('[aria-invalid]').forEach(node => {
    node.removeAttribute('aria-invalid');
    node.removeAttribute('aria-describedby');
  });
}

/**
 * Shows an API problem: each error beside the control whose data-field names it (or its closest named ancestor
 * field, e.g. attendees[0] for attendees[0].name), the rest at the top of the form.
 */
export function showProblems(form, problem) {
  clearProblems(form);
  const unplaced = [];
  for (const error of problem.errors || []) {
    const control = controlFor(form, error.field);
    if (!control) {
      unplaced.push(error.field + ': ' + error.message);
      continue;
    }
    if (!control.id) control.id = 'c-' + Math.random().toString(36).slice(2, 9);
    const message = el('p', {class: 'field-error', id: control.id + '-error', 'data-rule': error.rule},
      error.message + ' (' + error.rule + ')');
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', message.id);
    (control.tagName === 'FIELDSET' ? control : control.closest('.field') || control.parentElement).append(message);
  }
  if (!problem.errors || unplaced.length) {
    form.prepend(el('div', {class: 'form-error', role: 'alert'},
      el('strong', {}, problem.title || 'Not saved'), ' ',
      problem.errors ? unplaced.join('; ') : (problem.detail || ''),
      problem.rule ? el('span', {class: 'rule'}, ' (' + problem.rule + ')') : ''));
  }
  const first = form.querySelector('[aria-invalid], .form-error');
  if (first) first.scrollIntoView({block: 'center'});
}

function controlFor(form, path) {
  for (let candidate = path; candidate;) {
    const control = form.querySelector('[data-field="' + CSS.escape(candidate) + '"]');
    if (control) return control;
    const shorter = candidate.replace(/(\.[^.\[]+|\[\d+\])$/, '');
    if (shorter === candidate) return null;
    candidate = shorter;
  }
  return null;
}

/** Sends a form's command; answers the API's answer when it succeeded, otherwise shows its problems and answers null. */
export async function send(form, path, body, {method = 'POST', ifMatch} = {}) {
  clearProblems(form);
  const button = form.querySelector('button[type=submit]');
  if (button) button.disabled = true;
  try {
    const answer = await api(path, {method, body, ifMatch});
    if (answer.ok) return answer;
    showProblems(form, answer.body || {title: 'Not saved', detail: 'The API answered ' + answer.status});
    return null;
  } finally {
    if (button) button.disabled = false;
  }
}

/** Splits "a, b" into ["a", "b"]. */
export function list(text) {
  return (text || '').split(',').map(part => part.trim()).filter(Boolean);
}

/** A datetime-local value as an instant, or undefined when empty. */
export function instant(localValue) {
  return localValue ? new Date(localValue).toISOString() : undefined;
}

export function pager(answer, onPage) {
  if (answer.totalPages <= 1) return el('p', {class: 'pager'}, answer.totalItems + ' in all');
  return el('nav', {class: 'pager', 'aria-label': 'Pages'},
    el('button', {type: 'button', disabled: answer.page === 0, onclick: () => onPage(answer.page - 1)}, 'Previous'),
    el('span', {}, 'Page ' + (answer.page + 1) + ' of ' + answer.totalPages + ' (' + answer.totalItems + ' in all)'),
    el('button', {type: 'button', disabled: answer.page + 1 >= answer.totalPages, onclick: () => onPage(answer.page + 1)}, 'Next'));
}

const subscribers = new Set();
let streaming = false;

/**
 * Calls onChange for every change the query side projects, coalesced to at most one call per delay (a second by
 * default), until the visitor leaves the page. One stream serves every page: server-sent events read with fetch, because EventSource
 * cannot send credentials; it reconnects when the stream ends.
 */
export function onChanges(onChange, projection, delayMs = 1000) {
  let pending = null;
  subscribers.add(change => {
    if (projection && change.projection !== projection) return;
    if (!pending) pending = setTimeout(() => { pending = null; onChange(change); }, delayMs);
  });
  if (!streaming) {
    streaming = true;
    stream();
  }
}

export function leavePage() {
  subscribers.clear();
}

async function stream() {
  const live = document.getElementById('live');
  try {
    const response = await fetch('/api/stream', {headers: {Accept: 'text/event-stream',
      Authorization: sessionStorage.getItem(AUTH_KEY)}});
    if (!response.ok) throw new Error('stream refused: ' + response.status);
    live.hidden = false;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split('\n').filter(line => line.startsWith('data:')).map(line => line.slice(5)).join('\n');
        if (/^event:\s*change/m.test(message) && data) {
          const change = JSON.parse(data);
          subscribers.forEach(subscriber => subscriber(change));
        }
      }
    }
  } catch (e) {
    // the server went away or we are signed out: try again shortly
  }
  live.hidden = true;
  setTimeout(stream, 3000);
}

/** A chart that follows its container's width (the pages work from 390 px up). */
export function chart(container, option) {
  const instance = echarts.getInstanceByDom(container) || echarts.init(container);
  instance.setOption(option, true);
  if (!container.dataset.resizes) {
    container.dataset.resizes = 'yes';
    new ResizeObserver(() => instance.resize()).observe(container);
  }
  return instance;
}
