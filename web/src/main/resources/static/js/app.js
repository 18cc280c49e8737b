// What every page shares: the session, calls to the API, the page frame, forms and their problems, live changes.
// Pages build their DOM with el(): text from the API is always set as text, never parsed as HTML.
// The session lives on the server: this page keeps no password, no token and nothing in any storage, only what
// GET /auth/session told it, in memory (who is signed in, and the CSRF token for its writes).

const SAFE_METHODS = ['GET', 'HEAD'];
const ROLES = ['VIEWER', 'CONTRIBUTOR', 'DECIDER', 'ADMIN'];

let session = {mode: 'PASSWORD', signInUrl: '/auth/sign-in', user: null, csrf: null};

/** Asks the web application who is signed in: {mode, signInUrl, user: {name, role} or null, csrf: {headerName, token}}. */
export async function loadSession() {
  const answer = await call('/auth/session');
  if (!answer.ok) throw new Error('The web application answered ' + answer.status + ': ' + (answer.body?.detail || ''));
  session = answer.body;
  return session;
}

export function currentUser() {
  return session.user;
}

export function signedIn() {
  return session.user !== null;
}

/** Whether the signed-in user's role includes this one. It only hides what the API would refuse anyway. */
export function may(role) {
  return signedIn() && ROLES.indexOf(session.user.role) >= ROLES.indexOf(role);
}

/*
 * Workspaces: each team's meetings, hypotheses and decisions. The caller acts in a workspace with the role of their
 * membership there (GET /api/me: workspaces {id: role}); their own role only says whether they administer the
 * installation. The workspace chosen in the header is remembered (its id only, in localStorage) and every read asks
 * for it; none chosen reads all the caller's workspaces.
 */
const WORKSPACE_KEY = 'insight-ledger.workspace';
let memberships = {};
let workspaceList = [];
let workspacesOf = null;
let workspacesRead = 0;
// a membership an ADMIN gives or takes away shows on the next page opened after this long
const WORKSPACES_FRESH_MS = 10000;

/** Reads the caller's memberships and the workspaces they may name; again for a page opened once they are old. */
export async function loadWorkspaces(force = false) {
  if (!signedIn()) {
    memberships = {};
    workspaceList = [];
    workspacesOf = null;
    return;
  }
  if (!force && workspacesOf === session.user.name && Date.now() - workspacesRead < WORKSPACES_FRESH_MS) return;
  const [me, all] = await Promise.all([api('/api/me'), api('/api/workspaces')]);
  // an API from before workspaces names none: everything is in "default", with the caller's own role
  memberships = me.ok && me.body && me.body.workspaces ? me.body.workspaces : {default: session.user.role};
  workspaceList = all.ok && Array.isArray(all.body) ? all.body : [];
  workspacesOf = session.user.name;
  workspacesRead = Date.now();
}

/** The workspaces the caller may name (theirs; every one for an ADMIN): [{id, name, description, role}], role null where no member. */
export function allWorkspaces() {
  return workspaceList;
}

/** The caller's workspaces, by name, each with the caller's role: [{id, name, role}]. */
export function myWorkspaces() {
  return Object.entries(memberships).map(([id, role]) => ({id, name: workspaceName(id), role}))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function workspaceName(id) {
  return workspaceList.find(w => w.id === id)?.name || id;
}

/** The workspace chosen in the header, or null for all the caller's workspaces. */
export function currentWorkspace() {
  let chosen = null;
  try { chosen = localStorage.getItem(WORKSPACE_KEY); } catch (e) { /* storage refused: all workspaces */ }
  return chosen && memberships[chosen] ? chosen : null;
}

/** Chooses a workspace (null: all); the live stream follows it. */
export function chooseWorkspace(id) {
  try {
    if (id) localStorage.setItem(WORKSPACE_KEY, id);
    else localStorage.removeItem(WORKSPACE_KEY);
  } catch (e) { /* storage refused: the choice lasts until the page reloads */ }
  stopStream();
}

/** A read's parameters with the chosen workspace, when one is chosen. */
export function scoped(values = {}) {
  return {...values, workspace: currentWorkspace() || undefined};
}

/** Whether the caller's membership in this workspace includes the role. */
export function mayIn(workspace, role) {
  return signedIn() && ROLES.indexOf(memberships[workspace]) >= ROLES.indexOf(role);
}

/** Whether the caller may act with this role where they are: the chosen workspace, or any of theirs if none is. */
export function mayHere(role) {
  const here = currentWorkspace();
  return here ? mayIn(here, role) : Object.keys(memberships).some(id => mayIn(id, role));
}

/** The workspaces where the caller has at least this role, by name. */
export function workspacesWhere(role) {
  return myWorkspaces().filter(w => mayIn(w.id, role));
}

/** A small badge naming a record's workspace. */
export function workspaceBadge(id) {
  return id ? el('span', {class: 'badge workspace', title: 'Workspace', 'data-workspace': id}, workspaceName(id)) : '';
}

/** Whether a meeting of that workspace is one shared with the caller: not theirs, or not the workspace chosen. */
export function sharedFrom(workspace, here = currentWorkspace()) {
  return Boolean(workspace) && (here ? here !== workspace : !memberships[workspace]);
}

/** "Shared by <workspace>" on a meeting seen from another workspace. */
export function sharedBadge(workspace, here = currentWorkspace()) {
  return sharedFrom(workspace, here) ? el('span', {class: 'badge shared', title: 'Shared with your workspace, read-only'},
    'Shared by ' + workspaceName(workspace)) : '';
}

/**
 * Where a new meeting or hypothesis goes: the chosen workspace, shown; with none chosen, a select of the workspaces
 * where the caller may contribute. Answers {element, value(), chosen(form)}: chosen shows the problem when none is.
 */
export function workspaceField(id) {
  const here = currentWorkspace();
  if (here) {
    return {element: el('p', {class: 'meta', id}, 'In workspace ', workspaceBadge(here)), value: () => here,
      chosen: () => true};
  }
  const choices = workspacesWhere('CONTRIBUTOR');
  const select = el('select', {id, 'data-field': 'workspace', required: true},
    options(choices.map(w => [w.id, w.name]), choices.length === 1 ? choices[0].id : undefined,
      choices.length === 1 ? undefined : 'Choose a workspace'));
  return {element: field('Workspace', select), value: () => select.value || undefined,
    // none chosen would go to "default": the form says so instead of sending it
    chosen: form => Boolean(select.value) || (showProblems(form, {errors: [{field: 'workspace', rule: 'NotBlank',
      message: 'choose the workspace it belongs to'}]}), false)};
}

/** In place of the forms a role does not allow. */
export function readOnlyNote(workspace) {
  const role = workspace ? memberships[workspace] : session.user.role;
  return el('section', {class: 'card read-only'}, el('p', {class: 'muted'}, role
    ? 'Your role (' + format.words(role) + ') reads this; changing it needs a contributor or more.'
    : 'You read this as shared with you; only members of ' + workspaceName(workspace) + ' change it.'));
}

/** Signs in with a name and password; answers the web application's answer (401 wrong, 429 too many attempts). */
export async function signIn(name, password) {
  const answer = await call('/auth/sign-in', {method: 'POST', body: {name, password}});
  if (answer.ok) session = answer.body;
  return answer;
}

export async function signOut() {
  stopStream();
  workspacesOf = null;
  await call('/auth/sign-out', {method: 'POST'});
  await loadSession();
}

function toLogin() {
  if (!location.hash.startsWith('#/login')) {
    location.hash = '#/login?next=' + encodeURIComponent(location.hash.slice(1) || '/');
  }
}

/** One request with the session cookie (sent by the browser), and the CSRF token on every write. */
async function call(path, {method = 'GET', body, ifMatch, signal} = {}) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = '"' + ifMatch + '"';
  if (!SAFE_METHODS.includes(method) && session.csrf) headers[session.csrf.headerName] = session.csrf.token;
  const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal});
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = {detail: text}; }
  return {status: response.status, ok: response.ok, body: parsed, headers: response.headers};
}

/** Calls the API as the signed-in user; answers {status, ok, body, headers}. A 401 (the session ended) goes to sign-in. */
export async function api(path, options) {
  const answer = await call(path, options);
  if (answer.status === 401) {
    session.user = null;
    stopStream();
    toLogin();
    throw new Error('Signed out');
  }
  return answer;
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
let source = null;

/**
 * Calls onChange for every change the query side projects, coalesced to at most one call per delay (a second by
 * default), until the visitor leaves the page. One stream serves every page: a native EventSource, which sends the
 * session cookie like any request of this page; it reconnects by itself when the stream drops.
 */
export function onChanges(onChange, projection, delayMs = 1000) {
  let pending = null;
  subscribers.add(change => {
    if (projection && change.projection !== projection) return;
    if (!pending) pending = setTimeout(() => { pending = null; onChange(change); }, delayMs);
  });
  if (!source) stream();
}

export function leavePage() {
  subscribers.clear();
}

function stream() {
  const live = document.getElementById('live');
  source = new EventSource('/api/stream' + query(scoped()));
  source.addEventListener('open', () => { live.hidden = false; });
  source.addEventListener('change', event => {
    const change = JSON.parse(event.data);
    subscribers.forEach(subscriber => subscriber(change));
  });
  source.addEventListener('error', () => {
    live.hidden = true;
    // a dropped stream is retried by the EventSource itself; a refused one (API away, session over) is closed for good
    if (source && source.readyState === EventSource.CLOSED) {
      source = null;
      reconnectLater();
    }
  });
}

/** Asks first whether the session still stands: a stream refused for an ended session is not retried. */
function reconnectLater() {
  setTimeout(async () => {
    try {
      await loadSession();
    } catch (e) {
      reconnectLater();
      return;
    }
    if (!source && signedIn() && subscribers.size) stream();
  }, 3000);
}

export function stopStream() {
  if (source) source.close();
  source = null;
  document.getElementById('live').hidden = true;
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
