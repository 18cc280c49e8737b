import {el, field, replace, signIn, signOut} from '../app.js';

/** The API's own login: the same users and passwords as the command and query APIs. */
export function render(main, params) {
  const user = el('input', {id: 'login-user', name: 'user', autocomplete: 'username', required: true});
  const password = el('input', {id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true});
  const form = el('form', {class: 'card login', 'aria-labelledby': 'login-title'},
    el('h1', {id: 'login-title'}, 'Sign in'),
    el('p', {class: 'muted'}, 'Use your Insight Ledger login (the standalone run prints it).'),
    field('User', user), field('Password', password),
    el('button', {type: 'submit'}, 'Sign in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    form.querySelector('.form-error')?.remove();
    signIn(user.value, password.value);
    // any read checks the login; 401 means it was wrong
    const response = await fetch('/api/hypotheses?size=1', {headers: {Authorization: sessionStorage.getItem('insight.authorization')}});
    if (response.ok) {
      location.hash = '#' + (params.next || '/');
    } else {
      signOut();
      form.prepend(el('div', {class: 'form-error', role: 'alert'},
        response.status === 401 ? 'Wrong user or password.' : 'The API answered ' + response.status + '; try again.'));
      password.focus();
    }
  });
  replace(main, form);
  user.focus();
}
