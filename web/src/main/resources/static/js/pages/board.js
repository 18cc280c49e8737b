import {api, confidenceBar, el, field, flagBadges, format, hypothesisLink, instant, onChanges, options, query, replace, scoped,
  workspaceBadge} from '../app.js';

const STATUSES = ['OPEN', 'VALIDATED', 'INVALIDATED', 'PARKED', 'PIVOTED'];
const COLUMN_SIZE = 8;

/** The board: a column per status, each paging on its own; filters are kept in the address, so a view can be shared. */
export async function render(main, params) {
  const control = (name, element) => {
    element.name = name;
    element.id = 'board-' + name;
    element.value = params[name] || element.value;
    return element;
  };
  const form = el('form', {class: 'filters', role: 'search', 'aria-label': 'Filter the board'},
    field('Search', control('text', el('input', {type: 'search', placeholder: 'Words in an idea'}))),
    field('Status', control('status', el('select', {}, options(STATUSES, params.status, 'All')))),
    field('Category', control('category', el('select', {},
      options(['DESIRABILITY', 'VIABILITY', 'FEASIBILITY', 'USABILITY'], params.category, 'All')))),
    field('Flag', control('flag', el('select', {},
      options([['AT_RISK', 'At risk'], ['STALE', 'Stale'], ['SINGLE_SOURCE', 'Single source']], params.flag, 'Any')))),
    field('Segment', control('segment', el('input', {placeholder: 'e.g. bank'}))),
    field('Tag', control('tag', el('input', {}))),
    field('Sort', control('sort', el('select', {},
      options([['lastActivity', 'Last activity'], ['confidence', 'Confidence'], ['created', 'Proposed']], params.sort || 'lastActivity')))),
    field('As of', control('asOf', el('input', {type: 'datetime-local'})), 'Empty: now'),
    el('button', {type: 'submit'}, 'Apply'));
  if (params.asOf) form.elements.asOf.value = toLocal(params.asOf);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    values.asOf = instant(values.asOf);
    location.hash = '#/' + query(values);
  });

  const board = el('div', {class: 'columns'});
  replace(main, el('h1', {}, params.asOf ? 'The board as of ' + format.dateTime(params.asOf) : 'Hypothesis board'), form, board);
  const statuses = params.status ? [params.status] : STATUSES;
  const draw = () => Promise.all(statuses.map(status => column(status, params))).then(columns => replace(board,
    columns.every(c => c.dataset.total === '0') && !Object.keys(params).length ? emptyState() : columns));
  await draw();
  if (!params.asOf) onChanges(draw, 'hypotheses');
}

async function column(status, params, page = 0, rows = []) {
  const filters = {...params, status, page, size: COLUMN_SIZE, order: params.sort === 'confidence' ? 'desc' : undefined};
  const answer = (await api('/api/hypotheses' + query(scoped(filters)))).body;
  const items = rows.concat(answer.items);
  const section = el('section', {class: 'column', 'aria-label': format.words(status), 'data-total': answer.totalItems},
    el('h2', {}, el('span', {}, format.words(status)), el('span', {class: 'muted'}, String(answer.totalItems))),
    items.map(card),
    items.length < answer.totalItems
      ? el('button', {type: 'button', class: 'secondary', onclick: async () =>
          section.replaceWith(await column(status, params, page + 1, items))}, 'Show more')
      : null);
  return section;
}

function emptyState() {
  return el('div', {class: 'card'}, el('h2', {}, 'Nothing recorded yet'),
    el('p', {}, 'Start with what you heard: ', el('a', {href: '#/meetings/new'}, 'record a meeting'), ', or ',
      el('a', {href: '#/propose'}, 'propose a hypothesis'), '.'),
    el('p', {class: 'muted'}, 'To look around first, start the standalone run with INSIGHT_DEMO_DATA=true: it records a '
      + 'believable 18-month history of meetings, hypotheses and decisions.'));
}

function card(row) {
  return el('article', {class: 'card'},
    el('h3', {}, hypothesisLink(row.id, row.title)),
    workspaceBadge(row.workspace),
    confidenceBar(row.confidence),
    el('p', {class: 'meta'}, format.words(row.category), ' · ', row.owner, ' · ',
      row.supportingCount + ' for, ' + row.contradictingCount + ' against · ',
      row.organizationCount + (row.organizationCount === 1 ? ' organisation' : ' organisations')),
    flagBadges(row.flags),
    el('p', {class: 'meta'}, 'Last activity ', el('time', {datetime: row.lastActivityAt}, format.date(row.lastActivityAt))));
}

function toLocal(iso) {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
