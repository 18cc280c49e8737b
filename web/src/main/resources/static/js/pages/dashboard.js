import {api, chart, confidenceBar, el, field, format, hypothesisLink, instant, onChanges, query, replace, scoped, workspaceBadge}
  from '../app.js';

const COLOURS = {VALIDATED: '#1f7a4d', INVALIDATED: '#b3261e', PARKED: '#6b6f80', OPEN: '#2851a3', PIVOTED: '#6a3fa0'};

/** Charts of how learning goes, redrawn live as changes are projected. */
export async function render(main, params) {
  const from = el('input', {type: 'date', id: 'dashboard-from', name: 'from', value: params.from ? params.from.slice(0, 10) : ''});
  const to = el('input', {type: 'date', id: 'dashboard-to', name: 'to', value: params.to ? params.to.slice(0, 10) : ''});
  const form = el('form', {class: 'filters', 'aria-label': 'Period'}, field('From', from, 'Empty: 12 weeks ago'), field('To', to, 'Empty: now'),
    el('button', {type: 'submit'}, 'Apply'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/dashboard' + query({from: instant(from.value && from.value + 'T00:00'), to: instant(to.value && to.value + 'T23:59:59')});
  });
  const box = (id, title, label) => el('section', {class: 'card'}, el('h2', {}, title),
    el('div', {class: 'chart small', id, role: 'img', 'aria-label': label}));
  const figures = el('div', {class: 'grid'});
  const lists = el('div', {class: 'grid'});
  replace(main, el('h1', {}, 'Dashboard'), form, figures,
    el('div', {class: 'grid charts'},
      box('chart-decisions', 'Decisions per week', 'Decisions per week by outcome'),
      box('chart-meetings', 'Meetings per week', 'Meetings per week'),
      box('chart-time-to-decision', 'Time to decision', 'Decisions of the period by days from proposal to decision'),
      box('chart-status', 'Hypotheses by status', 'Hypotheses by status'),
      box('chart-coverage', 'Coverage by segment', 'Meetings, organisations and evidence per segment')),
    lists);
  const draw = async () => {
    const d = (await api('/api/dashboard' + query(scoped(params)))).body;
    const decisions = d.decisionsPerWeek.reduce((sum, w) => sum + w.validated + w.invalidated + w.parked, 0);
    const meetings = d.meetingsPerWeek.reduce((sum, w) => sum + w.meetings, 0);
    replace(figures,
      figure('Meetings', meetings, format.date(d.from) + ' to ' + format.date(d.to)),
      figure('Decisions', decisions, 'in the same period'),
      figure('Time to decision', d.medianDaysToDecision === null ? '–' : Math.round(d.medianDaysToDecision * 10) / 10 + ' days',
        'median, from proposal to decision'));
    const weeks = d.decisionsPerWeek.map(w => w.weekStart);
    chart(document.getElementById('chart-decisions'), bars(weeks, ['VALIDATED', 'INVALIDATED', 'PARKED'].map(outcome => ({
      name: format.words(outcome), type: 'bar', stack: 'decisions', itemStyle: {color: COLOURS[outcome]},
      data: d.decisionsPerWeek.map(w => w[outcome.toLowerCase()])}))));
    chart(document.getElementById('chart-meetings'), bars(d.meetingsPerWeek.map(w => w.weekStart),
      [{name: 'Meetings', type: 'bar', itemStyle: {color: COLOURS.OPEN}, data: d.meetingsPerWeek.map(w => w.meetings)}]));
    const longest = d.timeToDecision[d.timeToDecision.length - 2].upToDays;
    chart(document.getElementById('chart-time-to-decision'), bars(
      d.timeToDecision.map(t => t.upToDays ? '≤ ' + t.upToDays + ' d' : '> ' + longest + ' d'),
      [{name: 'Decisions', type: 'bar', itemStyle: {color: COLOURS.PIVOTED}, data: d.timeToDecision.map(t => t.decisions)}],
      value => value));
    chart(document.getElementById('chart-status'), {animation: false, tooltip: {trigger: 'item'}, legend: {bottom: 0},
      series: [{type: 'pie', radius: ['34%', '60%'], center: ['50%', '40%'], label: {position: 'inside', formatter: '{c}', color: '#fff'},
        data: Object.entries(d.hypothesesByStatus).map(([status, count]) =>
          ({name: format.words(status), value: count, itemStyle: {color: COLOURS[status]}}))}]});
    const segments = d.coverageBySegment.map(s => s.segment);
    chart(document.getElementById('chart-coverage'), {...bars(segments, ['meetings', 'organizations', 'evidence'].map(measure => ({
      name: {meetings: 'Meetings', organizations: 'Organisations', evidence: 'Evidence'}[measure], type: 'bar',
      data: d.coverageBySegment.map(s => s[measure])}))), xAxis: {type: 'value', minInterval: 1},
      yAxis: {type: 'category', data: segments}, grid: {left: 100, right: 16, top: 16, bottom: 56}});
    replace(lists, watchList('At risk', 'Validated, then contradicted by later evidence', d.atRisk),
      watchList('Stale', 'Open with no new evidence for a while', d.stale));
  };
  await draw();
  // the query side hands out dashboards up to 2 s old: asking later than that is sure to show the change
  onChanges(draw, undefined, 2500);
}

function figure(label, value, note) {
  return el('section', {class: 'card'}, el('h2', {}, label), el('p', {class: 'figure'}, String(value)), el('p', {class: 'muted'}, note));
}

/** Bars over weeks (labelled by day and month) unless another label is given. */
function bars(categories, series, label = value => format.date(value).replace(/,? \d{4}$/, '')) {
  return {animation: false, tooltip: {trigger: 'axis'}, legend: series.length > 1 ? {bottom: 0} : undefined,
    grid: {left: 36, right: 12, top: 16, bottom: series.length > 1 ? 56 : 28},
    xAxis: {type: 'category', data: categories, axisLabel: {formatter: label}},
    yAxis: {type: 'value', minInterval: 1}, series};
}

function watchList(title, explanation, rows) {
  return el('section', {class: 'card'}, el('h2', {}, title + ' (' + rows.length + ')'), el('p', {class: 'muted'}, explanation),
    rows.length ? el('ul', {class: 'list'}, rows.slice(0, 10).map(row => el('li', {}, hypothesisLink(row.id, row.title), ' ',
      workspaceBadge(row.workspace), confidenceBar(row.confidence)))) : el('p', {class: 'muted'}, 'None.'));
}
