// The router: one page per route of the hash, each a module with render(main, route).
import {el, leavePage, replace, signOut, signedIn, userName} from './app.js';

const ROUTES = [
  [/^\/$/, 'board'],
  [/^\/hypotheses\/([^/]+)$/, 'hypothesis', 'id'],
  [/^\/propose$/, 'propose-hypothesis'],
  [/^\/decisions$/, 'decisions'],
  [/^\/meetings$/, 'meetings'],
  [/^\/meetings\/new$/, 'record-meeting'],
  [/^\/meetings\/([^/]+)$/, 'meeting', 'id'],
  [/^\/organizations$/, 'organizations'],
  [/^\/organizations\/([^/]+)$/, 'organization', 'name'],
  [/^\/dashboard$/, 'dashboard'],
  [/^\/login$/, 'login'],
];

function route() {
  const hash = location.hash.slice(1) || '/';
  const [path, search = ''] = hash.split('?');
  for (const [pattern, page, name] of ROUTES) {
    const match = path.match(pattern);
    if (match) {
      const params = Object.fromEntries(new URLSearchParams(search));
      if (name) params[name] = decodeURIComponent(match[1]);
      return {page, params, path};
    }
  }
  return {page: null, params: {}, path};
}

async function show() {
  leavePage();
  const {page, params, path} = route();
  const main = document.getElementById('main');
  const signOutButton = document.getElementById('sign-out');
  signOutButton.hidden = !signedIn();
  signOutButton.textContent = 'Sign out ' + (userName() || '');
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

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  location.hash = '#/login';
});
window.addEventListener('hashchange', show);
show();
