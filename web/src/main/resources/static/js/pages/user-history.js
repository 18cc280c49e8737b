import {api, el, format, replace} from '../app.js';
import {refusal} from './users.js';

/** One user's identity events, newest first: who created, changed, disabled them or set their password, and when. */
export async function render(main, params) {
  const answer = await api('/api/admin/users/' + encodeURIComponent(params.name) + '/history');
  const heading = [el('p', {class: 'meta'}, el('a', {href: '#/users'}, 'Users'), ' / ', params.name),
    el('h1', {}, 'History of ' + params.name)];
  if (!answer.ok) {
    replace(main, heading, refusal(answer));
    return;
  }
  const events = answer.body.slice().reverse();
  replace(main, heading, events.length ? el('ol', {class: 'list card timeline', id: 'user-history'}, events.map(event => {
    const {type, actor, occurredAt, ...details} = event;
    return el('li', {},
      el('time', {datetime: occurredAt, class: 'meta'}, format.dateTime(occurredAt)),
      el('span', {}, type, Object.entries(details).map(([name, value]) => el('span', {class: 'meta'}, ' · ', name, ': ',
        typeof value === 'object' ? JSON.stringify(value) : String(value)))),
      el('span', {class: 'meta'}, actor));
  })) : el('p', {class: 'muted'}, 'Nothing recorded.'));
}
