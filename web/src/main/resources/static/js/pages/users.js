import {api, el, field, format, instant, options, query, replace, send} from '../app.js';

const ROLES = ['VIEWER', 'CONTRIBUTOR', 'DECIDER', 'ADMIN'];

/**
 * Who may use Insight Ledger, for administrators: add people with a role and a first password, change their role,
 * disable or enable them, set a new password, and read each one's history. asOf shows the users as they were then.
 */
export async function render(main, params) {
  const asOf = el('input', {type: 'datetime-local', id: 'users-as-of', name: 'asOf'});
  const filter = el('form', {class: 'filters', 'aria-label': 'Users as of'}, field('As of', asOf, 'Empty: now'),
    el('button', {type: 'submit'}, 'Show'));
  filter.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/users' + query({asOf: instant(asOf.value)});
  });
  const message = el('div', {id: 'users-message', 'aria-live': 'polite'});
  const list = el('div', {id: 'users-list'});
  const past = Boolean(params.asOf);
  replace(main, el('h1', {}, past ? 'Users as of ' + format.dateTime(params.asOf) : 'Users'), filter, message,
    el('div', {class: 'two'}, list, el('aside', {}, past ? '' : createForm(() => draw(list, message, params)))));
  await draw(list, message, params);
}

async function draw(list, message, params) {
  const answer = await api(params.asOf ? '/api/admin/users/roles-at' + query({instant: params.asOf})
    : '/api/admin/users');
  if (!answer.ok) {
    replace(list, refusal(answer));
    return;
  }
  const act = (path, options) => async event => {
    event.target.disabled = true;
    const done = await api(path, options);
    event.target.disabled = false;
    replace(message, done.ok ? el('p', {class: 'notice'}, 'Saved.') : refusal(done));
    if (done.ok) await draw(list, message, params);
  };
  replace(list, el('div', {class: 'card scroll'}, el('table', {id: 'users-table'},
    el('thead', {}, el('tr', {}, ['Name', 'Email', 'Role', 'State', params.asOf ? '' : 'Actions']
      .map(heading => el('th', {scope: 'col'}, heading)))),
    el('tbody', {}, answer.body.map(user => {
      const path = '/api/admin/users/' + encodeURIComponent(user.name);
      const role = el('select', {id: 'role-' + user.name, 'aria-label': 'Role of ' + user.name, disabled: Boolean(params.asOf)},
        options(ROLES, user.role));
      return el('tr', {id: 'user-' + user.name, 'data-user': user.name},
        el('td', {}, el('a', {href: '#/users/' + encodeURIComponent(user.name), id: 'history-' + user.name}, user.name),
          el('div', {class: 'meta'}, 'since ', format.date(user.createdAt))),
        el('td', {}, user.email || ''),
        el('td', {}, role),
        el('td', {}, user.enabled ? 'Enabled' : el('span', {class: 'badge flag-stale'}, 'Disabled')),
        params.asOf ? el('td', {}) : el('td', {class: 'actions'},
          el('button', {type: 'button', class: 'secondary', id: 'role-save-' + user.name,
            onclick: event => act(path + '/role', {method: 'PUT', body: {role: role.value}})(event)}, 'Change role'), ' ',
          el('button', {type: 'button', class: 'secondary', id: 'toggle-' + user.name,
            onclick: act(path + (user.enabled ? '/disable' : '/enable'), {method: 'POST'})},
            user.enabled ? 'Disable' : 'Enable'), ' ',
          passwordReset(user, path, message)));
    })))));
}

/** A new password, for someone who lost theirs: their web sessions end. */
function passwordReset(user, path, message) {
  const password = el('input', {type: 'password', id: 'reset-password-' + user.name, autocomplete: 'new-password',
    'data-field': 'password', required: true, minlength: 8});
  const form = el('form', {id: 'reset-' + user.name, class: 'inline'}, field('New password for ' + user.name, password),
    el('button', {type: 'submit', class: 'secondary'}, 'Set password'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (await send(form, path + '/password', {password: password.value})) {
      form.reset();
      replace(message, el('p', {class: 'notice'}, 'New password set for ' + user.name + '; their sessions have ended.'));
    }
  });
  return el('details', {}, el('summary', {}, 'Reset password'), form);
}

function createForm(redraw) {
  const control = (name, element) => { element.id = 'user-' + name; element.dataset.field = name; return element; };
  const name = control('name', el('input', {required: true, autocomplete: 'off'}));
  const email = control('email', el('input', {type: 'email', autocomplete: 'off'}));
  const role = control('role', el('select', {}, options(ROLES, 'VIEWER')));
  const password = control('password', el('input', {type: 'password', required: true, autocomplete: 'new-password'}));
  // where they work from the start, with a role in each workspace (none chosen: the API's default)
  const workspaces = el('fieldset', {id: 'user-workspaces', 'data-field': 'workspaces'}, el('legend', {}, 'Workspaces'),
    el('p', {class: 'muted'}, 'Loading workspaces…'));
  api('/api/admin/workspaces').then(answer => replace(workspaces, el('legend', {}, 'Workspaces'), answer.ok
    ? answer.body.map(w => field(w.name, el('select', {id: 'user-workspace-' + w.id, 'data-workspace': w.id,
      'data-field': 'workspaces.' + w.id}, options(ROLES, undefined, 'Not a member'))))
    : el('p', {class: 'muted'}, 'Workspaces are not available.')));
  const form = el('form', {class: 'card', id: 'user-form', 'aria-labelledby': 'user-form-title'},
    el('h2', {id: 'user-form-title'}, 'Add a user'),
    field('Name', name), field('Email', email, 'Optional'), field('Role', role),
    field('First password', password, 'Tell them in person; they keep it until an administrator sets a new one'),
    workspaces,
    el('button', {type: 'submit', id: 'user-create'}, 'Add user'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const roles = Object.fromEntries([...workspaces.querySelectorAll('select[data-workspace]')]
      .filter(select => select.value).map(select => [select.dataset.workspace, select.value]));
    if (await send(form, '/api/admin/users', {name: name.value, email: email.value || undefined, role: role.value,
      password: password.value, workspaces: Object.keys(roles).length ? roles : undefined})) {
      form.reset();
      await redraw();
    }
  });
  return form;
}

/** A refusal as the API explained it, e.g. a 403 RoleRequired with its detail. */
export function refusal(answer) {
  return el('div', {class: 'form-error', role: 'alert'}, el('strong', {}, answer.body?.title || 'Refused'), ' ',
    answer.body?.detail || 'The API answered ' + answer.status);
}
