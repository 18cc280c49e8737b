import {api, currentUser, el, field, format, loadWorkspaces, options, replace, send} from '../app.js';
import {refusal} from './users.js';

const ROLES = ['VIEWER', 'CONTRIBUTOR', 'DECIDER', 'ADMIN'];

/**
 * One workspace, for administrators: its members with their roles there (add, change, remove), and its history,
 * newest first.
 */
export async function render(main, params) {
  const path = '/api/admin/workspaces/' + encodeURIComponent(params.id);
  const all = await api('/api/admin/workspaces');
  const workspace = all.ok ? all.body.find(w => w.id === params.id) : null;
  const heading = [el('p', {class: 'meta'}, el('a', {href: '#/workspaces'}, 'Workspaces'), ' / ', params.id),
    el('h1', {}, workspace ? workspace.name : params.id),
    workspace?.description ? el('p', {class: 'muted'}, workspace.description) : ''];
  if (!all.ok) {
    replace(main, heading, refusal(all));
    return;
  }
  if (!workspace) {
    replace(main, heading, el('p', {}, 'No workspace is called ' + params.id + '. ', el('a', {href: '#/workspaces'}, 'Back to the workspaces')));
    return;
  }
  const message = el('div', {id: 'members-message', 'aria-live': 'polite'});
  const members = el('div', {id: 'members-list'});
  const history = el('section', {class: 'card', id: 'workspace-history-card'}, el('h2', {}, 'History'));
  const redraw = async () => { await Promise.all([drawMembers(members, message, path, redraw), drawHistory(history, path)]); };
  replace(main, heading, message,
    el('div', {class: 'two'}, el('div', {}, members, history), el('aside', {}, addForm(path, message, redraw))));
  await redraw();
}

async function drawMembers(target, message, path, redraw) {
  const answer = await api(path + '/members');
  if (!answer.ok) {
    replace(target, refusal(answer));
    return;
  }
  const act = (user, options, done) => async event => {
    event.target.disabled = true;
    const answered = await api(path + '/members/' + encodeURIComponent(user), options);
    event.target.disabled = false;
    replace(message, answered.ok ? el('p', {class: 'notice'}, done) : refusal(answered));
    if (answered.ok) await changed(user, redraw);
  };
  replace(target, el('section', {class: 'card scroll'}, el('h2', {}, 'Members (' + answer.body.length + ')'),
    answer.body.length ? el('table', {id: 'members-table'},
      el('thead', {}, el('tr', {}, ['Member', 'Role here', 'Actions'].map(heading => el('th', {scope: 'col'}, heading)))),
      el('tbody', {}, answer.body.map(member => {
        const role = el('select', {id: 'member-role-' + member.user, 'aria-label': 'Role of ' + member.user + ' here'},
          options(ROLES, member.role));
        return el('tr', {id: 'member-' + member.user, 'data-user': member.user},
          el('td', {}, member.user, el('div', {class: 'meta'}, 'since ', format.date(member.addedAt))),
          el('td', {}, role),
          el('td', {class: 'actions'},
            el('button', {type: 'button', class: 'secondary', id: 'member-save-' + member.user,
              onclick: event => act(member.user, {method: 'PUT', body: {role: role.value}},
                member.user + ' is now ' + format.words(role.value).toLowerCase() + ' here.')(event)}, 'Change role'), ' ',
            el('button', {type: 'button', class: 'secondary', id: 'member-remove-' + member.user,
              onclick: act(member.user, {method: 'DELETE'}, member.user + ' is no longer a member.')}, 'Remove')));
      })))
      : el('p', {class: 'muted'}, 'Nobody yet.')));
}

/** The caller's own membership changed: the header's workspaces follow. */
async function changed(user, redraw) {
  if (user === currentUser()?.name) await loadWorkspaces(true);
  await redraw();
}

function addForm(path, message, redraw) {
  const user = el('input', {id: 'member-user', 'data-field': 'user', required: true, autocomplete: 'off', list: 'known-users'});
  const role = el('select', {id: 'member-role', 'data-field': 'role'}, options(ROLES, 'CONTRIBUTOR'));
  const known = el('datalist', {id: 'known-users'});
  api('/api/admin/users').then(answer => {
    if (answer.ok) replace(known, answer.body.map(u => el('option', {value: u.name})));
  });
  const form = el('form', {class: 'card', id: 'member-form', 'aria-labelledby': 'member-form-title'},
    el('h2', {id: 'member-form-title'}, 'Add a member'),
    field('User', user, 'Their sign-in name'), field('Role here', role), known,
    el('button', {type: 'submit', id: 'member-add'}, 'Add member'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const name = user.value.trim();
    if (await send(form, path + '/members/' + encodeURIComponent(name), {role: role.value}, {method: 'PUT'})) {
      form.reset();
      replace(message, el('p', {class: 'notice'}, name + ' is a member now.'));
      await changed(name, redraw);
    }
  });
  return form;
}

/** The workspace's events, newest first: created, renamed, members added, changed, removed; who did it and when. */
async function drawHistory(target, path) {
  const answer = await api(path + '/history');
  const title = el('h2', {}, 'History');
  if (!answer.ok) {
    replace(target, title, refusal(answer));
    return;
  }
  const events = answer.body.slice().reverse();
  replace(target, title, events.length ? el('ol', {class: 'list timeline', id: 'workspace-history'}, events.map(event => {
    const {type, actor, occurredAt, payload} = event;
    return el('li', {},
      el('time', {datetime: occurredAt, class: 'meta'}, format.dateTime(occurredAt)),
      el('span', {}, type, Object.entries(payload || {}).map(([name, value]) => el('span', {class: 'meta'}, ' · ', name, ': ',
        typeof value === 'object' ? JSON.stringify(value) : String(value)))),
      el('span', {class: 'meta'}, actor));
  })) : el('p', {class: 'muted'}, 'Nothing recorded.'));
}
