// The router: one page per route of the hash, each a module with render(main, route); a route may name the least role
// its page is for (the API refuses the rest anyway).
import {currentUser, el, format, leavePage, loadSession, may, replace, signOut, signedIn} from './app.js';

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

async function show() {
  leavePage();
  const {page, params, path, role} = route();
  const main = document.getElementById('main');
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
  if (role && !may(role)) {
    replace(main, el('h1', {}, 'Not for your role'), el('p', {class: 'form-error', role: 'alert', id: 'role-refused'},
      'This page needs the role ', format.words(role), '; you are signed in as ', format.words(currentUser().role), '.'));
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
  document.querySelectorAll('header [data-role]').forEach(element => { element.hidden = !may(element.dataset.role); });
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await signOut();
  location.hash = '#/login';
});
window.addEventListener('hashchange', show);
loadSession().then(show, e => replace(document.getElementById('main'), el('h1', {}, 'Something went wrong'),
  el('p', {class: 'form-error', role: 'alert'}, String(e))));
