import {api, el, field, format, hypothesisLink, instant, meetingLink, onChanges, options, organizationLink, pager, query,
  replace, scoped, statusBadge, workspaceBadge} from '../app.js';

/** The decision log, newest first: who decided what, why, on which evidence, and with what confidence then. */
export async function render(main, params) {
  const control = (name, element) => { element.name = name; element.id = 'decisions-' + name; return element; };
  const from = control('from', el('input', {type: 'date', value: params.from ? params.from.slice(0, 10) : ''}));
  const to = control('to', el('input', {type: 'date', value: params.to ? params.to.slice(0, 10) : ''}));
  const form = el('form', {class: 'filters', 'aria-label': 'Filter decisions'},
    field('Outcome', control('outcome', el('select', {}, options(['VALIDATED', 'INVALIDATED', 'PARKED'], params.outcome, 'Any')))),
    field('Owner', control('owner', el('input', {value: params.owner || ''}))),
    field('From', from), field('To', to),
    el('button', {type: 'submit'}, 'Apply'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    values.from = instant(values.from && values.from + 'T00:00');
    values.to = instant(values.to && values.to + 'T23:59:59');
    location.hash = '#/decisions' + query(values);
  });
  const results = el('div', {});
  replace(main, el('h1', {}, 'Decision log'), form, results);
  const draw = async (page = Number(params.page || 0)) => {
    const answer = (await api('/api/decisions' + query(scoped({...params, page})))).body;
    replace(results, answer.items.length ? el('ul', {class: 'list card'}, answer.items.map(decision)) : el('p', {class: 'muted'}, 'No decisions match.'),
      pager(answer, next => { location.hash = '#/decisions' + query({...params, page: next}); }));
  };
  await draw();
  onChanges(() => draw(), 'hypotheses');
}

function decision(d) {
  return el('li', {class: 'decision'},
    el('div', {}, statusBadge(d.outcome), d.atRisk ? el('span', {class: 'badge flag flag-at-risk'}, 'At risk') : '',
      d.reopened ? el('span', {class: 'badge'}, 'Reopened') : '', workspaceBadge(d.workspace)),
    el('h3', {}, hypothesisLink(d.hypothesisId, d.hypothesisTitle)),
    el('p', {class: 'meta'}, format.dateTime(d.decidedAt), ' by ', d.decidedBy, ' · confidence then ', format.percent(d.confidenceThen),
      ' · owner ', d.owner),
    el('p', {}, d.rationale),
    d.evidence.length ? el('details', {}, el('summary', {}, 'Evidence behind it (' + d.evidence.length + ')'),
      el('ul', {}, d.evidence.map(e => el('li', {}, format.words(e.direction), ', ', format.words(e.strength).toLowerCase(), ': ',
        meetingLink(e.meetingId, e.meetingTitle), ' · ', organizationLink(e.organization),
        e.observationText ? el('blockquote', {}, e.observationText) : ''))))
      : el('p', {class: 'meta'}, 'Parked without evidence.'),
    d.reopened ? el('p', {class: 'meta'}, 'Reopened ', format.date(d.reopenedAt), ': ', d.reopenReason) : '');
}
