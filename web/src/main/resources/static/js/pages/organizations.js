import {api, el, field, format, organizationLink, pager, query, replace, scoped} from '../app.js';

/** The customers we talked to: how often, since when, and how much their word weighs in our hypotheses. */
export async function render(main, params) {
  const segment = el('input', {id: 'organizations-segment', name: 'segment', value: params.segment || ''});
  const form = el('form', {class: 'filters', 'aria-label': 'Filter organisations'}, field('Segment', segment),
    el('button', {type: 'submit'}, 'Apply'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/organizations' + query({segment: segment.value});
  });
  const answer = (await api('/api/organizations' + query(scoped(params)))).body;
  replace(main, el('h1', {}, 'Organisations'), form,
    el('div', {class: 'card scroll'}, el('table', {},
      el('thead', {}, el('tr', {}, ['Organisation', 'Segments', 'Meetings', 'Last contact', 'Evidence', 'Hypotheses']
        .map(heading => el('th', {scope: 'col'}, heading)))),
      el('tbody', {}, answer.items.map(o => el('tr', {},
        el('td', {}, organizationLink(o.name)), el('td', {}, o.segments.join(', ')), el('td', {}, o.meetings),
        el('td', {}, format.date(o.lastContact)), el('td', {}, o.evidenceGiven), el('td', {}, o.hypothesesInfluenced)))))),
    pager(answer, page => { location.hash = '#/organizations' + query({...params, page}); }));
}
