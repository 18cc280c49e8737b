import {el, field, loadSession, replace, signIn} from '../app.js';

/**
 * Sign-in: with a name and password the command side checks, or, in SSO mode, at the company's identity provider.
 * Either way the session stays on the server; this page only ever learns who is signed in.
 */
export async function render(main, params) {
  const session = await loadSession();
  const next = '#' + (params.next || '/');
  if (session.user) {
    location.hash = next;
    return;
  }
  replace(main, session.mode === 'SSO' ? companyAccount(session, params) : passwordForm(next));
  main.querySelector('input, a.button')?.focus();
}

function companyAccount(session, params) {
  return el('section', {class: 'card login', 'aria-labelledby': 'login-title'},
    el('h1', {id: 'login-title'}, 'Sign in'),
    params.error ? el('div', {class: 'form-error', role: 'alert', id: 'login-error'},
      'Signing in with your company account did not work; try again.') : '',
    el('p', {}, el('a', {href: session.signInUrl, class: 'button', id: 'login-sso'}, 'Sign in with your company account')));
}

function passwordForm(next) {
  const user = el('input', {id: 'login-user', name: 'user', autocomplete: 'username', required: true});
  const password = el('input', {id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true});
  const form = el('form', {class: 'card login', id: 'login-form', 'aria-labelledby': 'login-title'},
    el('h1', {id: 'login-title'}, 'Sign in'),
    el('p', {class: 'muted'}, 'Use your Insight Ledger login (the standalone run prints it).'),
    field('User', user), field('Password', password),
    el('button', {type: 'submit', id: 'login-submit'}, 'Sign in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    form.querySelector('.form-error')?.remove();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const answer = await signIn(user.value, password.value);
      if (answer.ok) {
        location.hash = next;
        return;
      }
      form.prepend(el('div', {class: 'form-error', role: 'alert', id: 'login-error'}, refusal(answer)));
      password.value = '';
      password.focus();
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function refusal(answer) {
  if (answer.status === 401) return 'Wrong user or password.';
  if (answer.status === 429) {
    const seconds = answer.headers.get('Retry-After');
    return 'Too many attempts; try again ' + (seconds ? 'in ' + seconds + ' seconds.' : 'later.');
  }
  return 'The server answered ' + answer.status + (answer.body?.detail ? ': ' + answer.body.detail : '; try again.');
}
