// The router: one page per route of the hash, each a module with render(main, route); a route may name the least role
// its page is for (the API refuses the rest anyway).
import {chooseWorkspace, currentUser, currentWorkspace, el, format, leavePage, loadSession, loadWorkspaces, may, mayHere,
  myWorkspaces, replace, signOut, signedIn, workspaceName} from './app.js';

const ROUTES = [
  [/^\/$/, 'board'],
  [/^\/hypotheses\/([^/]+)$/, 'hypothesis', 'id'],
  [/^\/propose$/, 'propose-hypothesis', null, 'CONTRIBUTOR'],
  [/^\/decisions$/, 'decisions'],
  [/^\/meetings$/, 'meetings'],
  [/^\/meetings\/new$/, 'record-meeting', null, 'CONTRIBUTOR'],
  [/^\/meetings\/([^/]+)$/, 'meeting', 'id'],
  [/^\/organizations$/, 'organizations'],
  [/^\/organizations\/([^/]+)$/, 'organization', 'name'],
  [/^\/dashboard$/, 'dashboard'],
  [/^\/tokens$/, 'tokens'],
  [/^\/users$/, 'users', null, 'ADMIN'],
  [/^\/users\/([^/]+)$/, 'user-history', 'name', 'ADMIN'],
  [/^\/workspaces$/, 'workspaces', null, 'ADMIN'],
  [/^\/workspaces\/([^/]+)$/, 'workspace', 'id', 'ADMIN'],
  [/^\/login$/, 'login'],
];

function route() {
  const hash = location.hash.slice(1) || '/';
  const [path, search = ''] = hash.split('?');
  for (const [pattern, page, name, role] of ROUTES) {
    const match = path.match(pattern);
    if (match) {
      const params = Object.fromEntries(new URLSearchParams(search));
      if (name) params[name] = decodeURIComponent(match[1]);
      return {page, params, path, role};
    }
  }
  return {page: null, params: {}, path};
}

// an ADMIN's own role is the installation's; every other role is the caller's in a workspace
const allowed = role => role === 'ADMIN' || role === 'VIEWER' ? may(role) : mayHere(role);

async function show() {
  leavePage();
  const {page, params, path, role} = route();
  const main = document.getElementById('main');
  if (signedIn()) {
    try {
      await loadWorkspaces();
    } catch (e) {
      if (e.message === 'Signed out') return;
    }
  }
  showUser();
  document.querySelectorAll('header nav a').forEach(link =>
    link.toggleAttribute('aria-current', link.getAttribute('href').slice(1) === path));
  if (!page) {
    replace(main, el('h1', {}, 'Not found'), el('p', {}, 'Nothing lives at ' + path + '. ', el('a', {href: '#/'}, 'Go to the board')));
    return;
  }
  if (page !== 'login' && !signedIn()) {
    location.hash = '#/login?next=' + encodeURIComponent(location.hash.slice(1) || '/');
    return;
  }
  if (role && !allowed(role)) {
    const here = role !== 'ADMIN' && currentWorkspace();
    replace(main, el('h1', {}, 'Not for your role'), el('p', {class: 'form-error', role: 'alert', id: 'role-refused'},
      'This page needs the role ', format.words(role), here ? [' in ', workspaceName(here), '; choose another workspace']
        : ['; you are signed in as ', format.words(currentUser().role)], '.'));
    return;
  }
  main.setAttribute('aria-busy', 'true');
  replace(main, el('p', {class: 'loading'}, 'Loading…'));
  try {
    const module = await import('./pages/' + page + '.js');
    await module.render(main, params);
  } catch (e) {
    if (e.message !== 'Signed out') {
      replace(main, el('h1', {}, 'Something went wrong'), el('p', {class: 'form-error', role: 'alert'}, String(e)));
    }
  } finally {
    main.removeAttribute('aria-busy');
  }
}

/** The header: who is signed in, and only the actions their role allows. */
function showUser() {
  const user = currentUser();
  document.getElementById('signed-in-as').hidden = !user;
  document.getElementById('sign-out').hidden = !user;
  document.getElementById('signed-in-name').textContent = user ? user.name : '';
  document.getElementById('signed-in-role').textContent = user ? format.words(user.role) : '';
  document.querySelectorAll('header [data-role]').forEach(element => { element.hidden = !allowed(element.dataset.role); });
  showWorkspaces();
}

/** The header's workspace switcher: all the caller's workspaces, or one of them. */
function showWorkspaces() {
  const switcher = document.getElementById('workspace-switcher');
  const mine = signedIn() ? myWorkspaces() : [];
  switcher.hidden = !mine.length;
  const current = currentWorkspace() || '';
  replace(switcher.querySelector('select'), el('option', {value: ''}, 'All my workspaces'),
    mine.map(w => el('option', {value: w.id}, w.name)));
  switcher.querySelector('select').value = current;
}

document.getElementById('workspace').addEventListener('change', event => {
  chooseWorkspace(event.target.value || null);
  show();
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await signOut();
  location.hash = '#/login';
});
window.addEventListener('hashchange', show);
loadSession().then(show, e => replace(document.getElementById('main'), el('h1', {}, 'Something went wrong'),
  el('p', {class: 'form-error', role: 'alert'}, String(e))));
