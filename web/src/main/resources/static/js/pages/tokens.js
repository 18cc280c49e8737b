import {api, el, field, format, instant, options, replace, send} from '../app.js';

/**
 * The signed-in user's own API tokens, for scripts and dashboards: create one (its secret is shown this once), see
 * when each was last used, revoke it.
 */
export async function render(main) {
  const list = el('div', {id: 'tokens-list'});
  const secret = el('div', {id: 'token-secret', 'aria-live': 'polite'});
  replace(main, el('h1', {}, 'API tokens'),
    el('p', {class: 'muted'}, 'A script or dashboard sends a token as Authorization: Bearer. It can do at most what you may; ',
      'READ only reads.'),
    el('div', {class: 'two'}, el('div', {}, secret, list), el('aside', {}, createForm(secret, () => draw(list)))));
  await draw(list);
}

async function draw(list) {
  const answer = await api('/api/tokens');
  if (!answer.ok) {
    replace(list, el('p', {class: 'form-error', role: 'alert'}, answer.body?.detail || 'The API answered ' + answer.status));
    return;
  }
  const tokens = answer.body;
  replace(list, tokens.length ? el('div', {class: 'card scroll'}, el('table', {id: 'tokens-table'},
    el('thead', {}, el('tr', {}, ['Name', 'Scope', 'Created', 'Expires', '']
      .map(heading => el('th', {scope: 'col'}, heading)))),
    el('tbody', {}, tokens.map(token => el('tr', {id: 'token-' + token.id, 'data-token-name': token.name},
      el('td', {}, token.name), el('td', {}, format.words(token.scope)), el('td', {}, format.dateTime(token.createdAt)),
      el('td', {}, token.expiresAt ? format.dateTime(token.expiresAt) : 'Never'),
      el('td', {}, token.revokedAt ? el('span', {class: 'badge flag-stale'}, 'Revoked ' + format.date(token.revokedAt))
        : el('button', {type: 'button', class: 'secondary revoke', id: 'revoke-token-' + token.id,
          onclick: event => revoke(event.target, token, list)}, 'Revoke')))))))
    : el('p', {class: 'muted', id: 'tokens-empty'}, 'You have no tokens yet.'));
}

async function revoke(button, token, list) {
  button.disabled = true;
  const answer = await api('/api/tokens/' + encodeURIComponent(token.id), {method: 'DELETE'});
  if (answer.ok) {
    await draw(list);
  } else {
    button.disabled = false;
    button.after(el('p', {class: 'field-error', role: 'alert'}, answer.body?.detail || 'The API answered ' + answer.status));
  }
}

function createForm(secret, redraw) {
  const name = el('input', {id: 'token-name', 'data-field': 'name', required: true, maxlength: 100});
  const scope = el('select', {id: 'token-scope', 'data-field': 'scope'},
    options([['READ', 'Read only'], ['READ_WRITE', 'Read and write (as you)']], 'READ'));
  const expires = el('input', {id: 'token-expires', 'data-field': 'expiresAt', type: 'datetime-local'});
  const form = el('form', {class: 'card', id: 'token-form', 'aria-labelledby': 'token-form-title'},
    el('h2', {id: 'token-form-title'}, 'New token'),
    field('Name', name, 'What it is for, e.g. weekly report'), field('Scope', scope),
    field('Expires', expires, 'Empty: as long as the API allows'),
    el('button', {type: 'submit', id: 'token-create'}, 'Create token'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await send(form, '/api/tokens', {name: name.value, scope: scope.value, expiresAt: instant(expires.value)});
    if (!answer) return;
    showSecret(secret, answer.body);
    form.reset();
    await redraw();
  });
  return form;
}

/** The secret, this once: the API keeps only its hash, so it cannot be shown again. */
function showSecret(secret, created) {
  const value = el('code', {id: 'token-secret-value'}, created.secret);
  const copied = el('span', {class: 'muted', id: 'token-copied', 'aria-live': 'polite'});
  const copy = el('button', {type: 'button', class: 'secondary', id: 'token-copy', onclick: async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      copied.textContent = 'Copied.';
    } catch (e) {
      // no clipboard without HTTPS: select it for the visitor to copy
      getSelection().selectAllChildren(value);
      copied.textContent = 'Selected: press Ctrl+C or ⌘C.';
    }
  }}, 'Copy');
  replace(secret, el('section', {class: 'notice secret', role: 'status'},
    el('p', {}, el('strong', {}, 'Token created. '), 'Copy it now: it is shown this once and never again.'),
    el('p', {}, value), el('p', {}, copy, ' ', copied),
    el('button', {type: 'button', class: 'link', id: 'token-secret-done', onclick: () => replace(secret)}, 'I have copied it')));
}
