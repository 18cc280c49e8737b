import {api, el, format, hypothesisLink, meetingLink, query, replace, scoped, statusBadge, workspaceBadge} from '../app.js';

export async function render(main, params) {
  const answer = await api('/api/organizations/' + encodeURIComponent(params.name) + query(scoped()));
  if (answer.status === 404) {
    replace(main, el('h1', {}, 'No such organisation'), el('p', {}, el('a', {href: '#/organizations'}, 'Back to the organisations')));
    return;
  }
  const {organization: o, meetings, hypotheses} = answer.body;
  replace(main,
    el('p', {class: 'meta'}, el('a', {href: '#/organizations'}, 'Organisations')),
    el('h1', {}, o.name),
    el('p', {class: 'meta'}, o.segments.join(', '), ' · ', o.meetings, ' meetings from ', format.date(o.firstContact), ' to ',
      format.date(o.lastContact), ' · ', o.evidenceGiven, ' pieces of evidence'),
    el('div', {class: 'grid'},
      el('section', {class: 'card'}, el('h2', {}, 'Meetings'), el('ul', {class: 'list'}, meetings.map(m => el('li', {},
        meetingLink(m.id, m.title), ' ', workspaceBadge(m.workspace), el('span', {class: 'meta'}, ' · ', format.date(m.occurredAt), m.retracted ? ' · retracted' : ''))))),
      el('section', {class: 'card'}, el('h2', {}, 'Hypotheses it influenced'),
        hypotheses.length ? el('ul', {class: 'list'}, hypotheses.map(h => el('li', {}, statusBadge(h.status), ' ',
          hypothesisLink(h.id, h.title), ' ', workspaceBadge(h.workspace), el('span', {class: 'meta'}, ' · ', h.supporting, ' for, ', h.contradicting, ' against'))))
          : el('p', {class: 'muted'}, 'None yet.'))));
}
