import {api, currentWorkspace, el, field, format, mayHere, meetingLink, organizationLink, pager, query, replace, scoped,
  sharedBadge, workspaceBadge} from '../app.js';

/** Meetings, most recent first, with filters kept in the address. */
export async function render(main, params) {
  const control = (name, element) => { element.name = name; element.id = 'meetings-' + name; element.value = params[name] || ''; return element; };
  const form = el('form', {class: 'filters', 'aria-label': 'Filter meetings'},
    field('Organisation', control('organization', el('input', {}))),
    field('Segment', control('segment', el('input', {}))),
    field('Tag', control('tag', el('input', {}))),
    el('button', {type: 'submit'}, 'Apply'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/meetings' + query(Object.fromEntries(new FormData(form)));
  });
  const answer = (await api('/api/meetings' + query(scoped(params)))).body;
  replace(main,
    el('h1', {}, 'Meetings'),
    mayHere('CONTRIBUTOR') ? el('p', {}, el('a', {href: '#/meetings/new', class: 'button'}, 'Record a meeting')) : '',
    form,
    answer.items.length ? el('ul', {class: 'list card'}, answer.items.map(m => el('li', {},
      el('h3', {}, meetingLink(m.id, m.title), m.retracted ? el('span', {class: 'badge flag-stale'}, 'Retracted') : ''),
      el('div', {}, workspaceBadge(m.workspace), sharedBadge(m.workspace, currentWorkspace())),
      el('p', {class: 'meta'}, el('time', {datetime: m.occurredAt}, format.date(m.occurredAt)), ' · ',
        organizationLink(m.organization), ' (', m.segment, ') · ', format.words(m.channel), ' · ',
        m.observationCount, ' observations · evidence for ', m.evidenceCount, ' hypotheses'))))
      : el('p', {class: 'muted'}, 'No meetings match.'),
    pager(answer, page => { location.hash = '#/meetings' + query({...params, page}); }));
}
