import {api, el, field, format, loadWorkspaces, replace, send} from '../app.js';
import {refusal} from './users.js';

/**
 * The installation's workspaces, for administrators: create one, rename it or describe it, and open one for its members
 * and history. Administering a workspace does not make its ideas readable: that takes a membership.
 */
export async function render(main) {
  const message = el('div', {id: 'workspaces-message', 'aria-live': 'polite'});
  const list = el('div', {id: 'workspaces-list'});
  replace(main, el('h1', {}, 'Workspaces'), message,
    el('div', {class: 'two'}, list, el('aside', {}, createForm())));
  await draw(list, message);
}

async function draw(list, message) {
  const answer = await api('/api/admin/workspaces');
  if (!answer.ok) {
    replace(list, refusal(answer));
    return;
  }
  replace(list, el('div', {class: 'card scroll'}, el('table', {id: 'workspaces-table'},
    el('thead', {}, el('tr', {}, ['Workspace', 'Description', 'Actions'].map(heading => el('th', {scope: 'col'}, heading)))),
    el('tbody', {}, answer.body.map(workspace => el('tr', {id: 'workspace-' + workspace.id, 'data-workspace': workspace.id},
      el('td', {}, el('a', {href: '#/workspaces/' + encodeURIComponent(workspace.id), id: 'members-' + workspace.id},
        workspace.name), el('div', {class: 'meta'}, workspace.id,
        workspace.createdAt ? [' · since ', format.date(workspace.createdAt)] : '')),
      el('td', {}, workspace.description || ''),
      el('td', {class: 'actions'}, renameForm(workspace, message, () => draw(list, message)))))))));
}

/** A new name or description; the id stays. */
function renameForm(workspace, message, redraw) {
  const name = el('input', {id: 'rename-name-' + workspace.id, 'data-field': 'name', required: true, value: workspace.name});
  const description = el('textarea', {id: 'rename-description-' + workspace.id, 'data-field': 'description', rows: 2});
  description.value = workspace.description || '';
  const form = el('form', {id: 'rename-' + workspace.id, class: 'inline'}, field('Name', name), field('Description', description),
    el('button', {type: 'submit', class: 'secondary'}, 'Save'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (await send(form, '/api/admin/workspaces/' + encodeURIComponent(workspace.id),
      {name: name.value, description: description.value}, {method: 'PUT'})) {
      replace(message, el('p', {class: 'notice'}, 'Saved ' + name.value + '.'));
      await loadWorkspaces(true);
      await redraw();
    }
  });
  return el('details', {}, el('summary', {}, 'Rename or describe'), form);
}

function createForm() {
  const control = (name, element) => { element.id = 'workspace-' + name; element.dataset.field = name; return element; };
  const id = control('id', el('input', {required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9-]{1,39}',
    maxlength: 40}));
  const name = control('name', el('input', {required: true, autocomplete: 'off'}));
  const description = control('description', el('textarea', {rows: 3}));
  const form = el('form', {class: 'card', id: 'workspace-form', 'aria-labelledby': 'workspace-form-title'},
    el('h2', {id: 'workspace-form-title'}, 'Create a workspace'),
    field('Id', id, '2 to 40 lower-case letters, digits or hyphens; it never changes'),
    field('Name', name), field('Description', description, 'Optional'),
    el('button', {type: 'submit', id: 'workspace-create'}, 'Create workspace'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (await send(form, '/api/admin/workspaces', {id: id.value, name: name.value, description: description.value})) {
      const created = id.value;
      form.reset();
      await loadWorkspaces(true);
      location.hash = '#/workspaces/' + encodeURIComponent(created);
    }
  });
  return form;
}
