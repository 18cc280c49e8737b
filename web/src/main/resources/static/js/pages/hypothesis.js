import {api, chart, confidenceBar, el, field, flagBadges, format, hypothesisLink, mayIn, meetingLink, options,
  organizationLink, query, read, readOnlyNote, replace, send, sharedBadge, statusBadge, workspaceBadge,
  workspaceName} from '../app.js';

const OUTCOME_COLOURS = {VALIDATED: '#1f7a4d', INVALIDATED: '#b3261e', PARKED: '#6b6f80'};

/**
 * One idea: what it says, its confidence over time with its decisions, the evidence, the timeline, a replay of how it
 * stood at any step, and the forms that move it on. After a write the page reads its own write (minVersion).
 */
export async function render(main, params) {
  const id = params.id;
  const wait = query({minVersion: params.minVersion});
  const detail = await read('/api/hypotheses/' + encodeURIComponent(id) + wait);
  if (detail.status === 404) {
    replace(main, el('h1', {}, 'No such hypothesis'), el('p', {}, 'Nothing is recorded under ' + id + '. ', el('a', {href: '#/'}, 'Back to the board')));
    return;
  }
  const h = detail.body;
  // read after the detail, which waited for our own write: the evolution then holds it too
  const steps = (await api('/api/hypotheses/' + encodeURIComponent(id) + '/evolution?size=200')).body.items;
  const then = el('section', {class: 'card then', 'aria-live': 'polite', id: 'replay-state'});
  const confidenceChart = el('div', {class: 'chart', id: 'confidence-chart', role: 'img',
    'aria-label': 'Confidence over time, with decisions marked'});

  replace(main,
    el('p', {class: 'meta'}, el('a', {href: '#/'}, 'Board'), ' / ', format.words(h.category), ' ', workspaceBadge(h.workspace)),
    el('h1', {}, h.title),
    el('div', {}, statusBadge(h.status), flagBadges(h.flags)),
    el('div', {class: 'two'},
      el('div', {},
        el('section', {class: 'card'},
          el('h2', {}, 'Statement'), el('p', {id: 'statement'}, h.statement),
          el('h2', {}, 'We are right if'), el('p', {}, h.successCriteria),
          el('p', {class: 'meta'}, 'Proposed by ', h.proposedBy, ' on ', format.date(h.proposedAt), ' · owner ', h.owner,
            h.segments.length ? ' · segments ' + h.segments.join(', ') : '', h.tags.length ? ' · tags ' + h.tags.join(', ') : ''),
          lineage(h)),
        el('section', {class: 'card'},
          el('h2', {}, 'Confidence over time'), confidenceChart,
          el('p', {class: 'muted'}, 'Now ', format.percent(h.confidence), ' from ', h.supportingCount, ' supporting and ',
            h.contradictingCount, ' contradicting pieces of evidence. Dots mark decisions; drag the replay to go back in time.')),
        el('section', {class: 'card'}, el('h2', {}, 'Replay'), replayControl(steps, then, confidenceChart), then),
        el('section', {class: 'card'}, el('h2', {}, 'Evidence (' + h.evidence.length + ')'), evidenceList(h.evidence, h.workspace)),
        el('section', {class: 'card'}, el('h2', {}, 'Decisions'), decisionList(h.decisions, h.evidence)),
        el('section', {class: 'card', id: 'timeline'}, el('h2', {}, 'Timeline'), timeline(steps))),
      el('aside', {}, forms(h))));
  drawConfidence(confidenceChart, steps);
  then.dispatchEvent(new Event('draw'));
}

function lineage(h) {
  return el('p', {class: 'meta'},
    h.parentId ? ['Pivoted from ', hypothesisLink(h.parentId), '. '] : '',
    h.successorId ? ['Pivoted into ', hypothesisLink(h.successorId), '.'] : '');
}

function drawConfidence(container, steps) {
  const points = steps.map(step => [step.occurredAt, Math.round(step.state.confidence * 1000) / 10]);
  const decisions = steps.filter(step => step.type === 'HypothesisDecided').map(step => {
    const decision = step.state.decisions[step.state.decisions.length - 1];
    return {value: [step.occurredAt, Math.round(step.state.confidence * 1000) / 10], name: decision.outcome,
      itemStyle: {color: OUTCOME_COLOURS[decision.outcome]}};
  });
  chart(container, {
    animation: false,
    grid: {left: 44, right: 16, top: 24, bottom: 40},
    tooltip: {trigger: 'axis', valueFormatter: value => value + '%'},
    xAxis: {type: 'time'},
    yAxis: {type: 'value', min: 0, max: 100, axisLabel: {formatter: '{value}%'}},
    series: [
      {name: 'Confidence', type: 'line', step: 'end', data: points, symbolSize: 6, lineStyle: {width: 2}},
      {name: 'Decision', type: 'scatter', data: decisions, symbolSize: 16, z: 3,
        label: {show: true, position: 'top', formatter: point => format.words(point.name)}},
    ],
  });
}

/** A slider and step buttons over the evolution: the card below shows the idea exactly as it stood after that step. */
function replayControl(steps, then, confidenceChart) {
  const slider = el('input', {type: 'range', id: 'replay', min: 0, max: steps.length - 1, value: steps.length - 1, step: 1});
  const position = el('output', {for: 'replay', id: 'replay-position'});
  const show = () => {
    const index = Number(slider.value);
    const step = steps[index];
    position.value = 'Step ' + (index + 1) + ' of ' + steps.length;
    replace(then, stateThen(step));
    const instance = echarts.getInstanceByDom(confidenceChart);
    if (instance) instance.setOption({xAxis: {axisPointer: {value: step.occurredAt, status: 'show', label: {show: false}}}});
  };
  slider.addEventListener('input', show);
  then.addEventListener('draw', show);
  const move = delta => () => { slider.value = Math.min(steps.length - 1, Math.max(0, Number(slider.value) + delta)); show(); };
  return el('div', {class: 'replay'},
    el('button', {type: 'button', class: 'secondary', onclick: move(-1), 'aria-label': 'Previous step'}, '◀'),
    field('Step in its history', slider),
    el('button', {type: 'button', class: 'secondary', onclick: move(1), 'aria-label': 'Next step'}, '▶'),
    position);
}

function stateThen(step) {
  const s = step.state;
  return [
    el('p', {class: 'meta'}, el('time', {datetime: step.occurredAt}, format.dateTime(step.occurredAt)), ' · ', step.actor),
    el('p', {}, el('strong', {}, step.summary)),
    el('div', {}, statusBadge(s.status), flagBadges(s.flags)),
    el('h3', {}, s.title),
    el('p', {}, s.statement),
    confidenceBar(s.confidence),
    el('p', {class: 'meta'}, s.supportingCount, ' supporting, ', s.contradictingCount, ' contradicting, from ',
      s.organizations.length, ' organisations; ', s.decisions.length, ' decisions so far'),
  ];
}

function evidenceList(evidence, workspace) {
  if (!evidence.length) return el('p', {class: 'muted'}, 'No evidence yet. Link some from a meeting.');
  return el('ul', {class: 'list'}, evidence.map(e => el('li', {id: 'evidence-' + e.id},
    el('div', {}, el('span', {class: 'badge ' + (e.direction === 'SUPPORTS' ? 'status-validated' : 'status-invalidated')},
      format.words(e.direction)), el('span', {class: 'badge'}, format.words(e.strength)),
      e.counts ? '' : el('span', {class: 'badge flag-stale'}, e.withdrawnAt ? 'Withdrawn' : 'Meeting retracted'),
      e.linkedAfterDecision ? el('span', {class: 'badge'}, 'After a decision') : ''),
    e.observationText ? el('blockquote', {}, e.observationText) : '',
    e.note ? el('p', {}, e.note) : '',
    el('p', {class: 'meta'}, meetingLink(e.meetingId, e.meetingTitle), ' ', sharedBadge(e.meetingWorkspace, workspace), ' · ', organizationLink(e.organization),
      e.segment ? ' (' + e.segment + ')' : '', ' · linked by ', e.linkedBy, ' on ', format.date(e.linkedAt)))));
}

function decisionList(decisions, evidence) {
  if (!decisions.length) return el('p', {class: 'muted'}, 'Not decided yet.');
  const notes = Object.fromEntries(evidence.map(e => [e.id, e]));
  return el('ul', {class: 'list'}, decisions.map(d => el('li', {},
    el('div', {}, statusBadge(d.outcome), ' ', format.dateTime(d.decidedAt), ' by ', d.decidedBy,
      ' · confidence then ', format.percent(d.confidenceThen)),
    el('p', {}, d.rationale),
    d.evidenceIds.length ? el('p', {class: 'meta'}, 'Resting on: ',
      d.evidenceIds.map(id => notes[id] ? notes[id].organization + ' (' + format.words(notes[id].direction) + ')' : id).join(', ')) : '',
    d.reopenedAt ? el('p', {class: 'meta'}, 'Reopened ', format.date(d.reopenedAt), ': ', d.reopenReason) : '')));
}

function timeline(steps) {
  return el('ol', {class: 'list timeline'}, steps.slice().reverse().map(step => el('li', {},
    el('time', {datetime: step.occurredAt, class: 'meta'}, format.dateTime(step.occurredAt)),
    el('span', {}, step.summary, el('span', {class: 'meta'}, ' · ', step.actor)),
    el('span', {class: 'meta'}, format.percent(step.state.confidence)))));
}

function forms(h) {
  if (h.status === 'PIVOTED') {
    return el('section', {class: 'card'}, el('p', {}, 'This hypothesis was pivoted and only reads now.'));
  }
  const path = '/api/hypotheses/' + encodeURIComponent(h.id);
  const after = answer => { location.hash = '#/hypotheses/' + encodeURIComponent(h.id) + '?minVersion=' + answer.body.version; };
  // contributors of its workspace link evidence; deciding, reopening and pivoting need a decider there
  if (!mayIn(h.workspace, 'CONTRIBUTOR')) return readOnlyNote(h.workspace);
  return [
    linkEvidenceForm(h, path, after),
    mayIn(h.workspace, 'DECIDER') ? [h.status === 'OPEN' ? decideForm(h, path, after) : reopenForm(path, after), pivotForm(h, path)] : '',
  ];
}

function linkEvidenceForm(h, path, after) {
  const meeting = el('select', {id: 'evidence-meeting', 'data-field': 'meetingId', required: true}, el('option', {value: ''}, 'Loading meetings…'));
  const observation = el('select', {id: 'evidence-observation', 'data-field': 'observationId'}, el('option', {value: ''}, 'The meeting as a whole'));
  const direction = el('select', {id: 'evidence-direction', 'data-field': 'direction'}, options(['SUPPORTS', 'CONTRADICTS']));
  const strength = el('select', {id: 'evidence-strength', 'data-field': 'strength'}, options(['WEAK', 'MODERATE', 'STRONG'], 'MODERATE'));
  const note = el('textarea', {id: 'evidence-note', 'data-field': 'note', rows: 2});
  // its own workspace's meetings and those other workspaces share with it
  api('/api/meetings' + query({size: 100, workspace: h.workspace})).then(answer => replace(meeting,
    el('option', {value: ''}, 'Choose a meeting'),
    answer.body.items.filter(m => !m.retracted && citable(m, h.workspace)).map(m => el('option', {value: m.id},
      format.date(m.occurredAt) + ' · ' + m.title + (m.workspace && m.workspace !== h.workspace
        ? ' (shared by ' + workspaceName(m.workspace) + ')' : '')))));
  meeting.addEventListener('change', async () => {
    replace(observation, el('option', {value: ''}, 'The meeting as a whole'));
    if (!meeting.value) return;
    const answer = await api('/api/meetings/' + encodeURIComponent(meeting.value));
    answer.body.observations.forEach(o => observation.append(el('option', {value: o.id}, format.words(o.kind) + ': ' + o.text.slice(0, 80))));
  });
  const form = el('form', {class: 'card', id: 'link-evidence', 'aria-labelledby': 'link-evidence-title'},
    el('h2', {id: 'link-evidence-title'}, 'Link evidence'),
    field('Meeting', meeting), field('Observation', observation),
    el('div', {class: 'row'}, field('Direction', direction), field('Strength', strength)),
    field('Note', note), el('button', {type: 'submit'}, 'Link evidence'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await send(form, path + '/evidence', {meetingId: meeting.value, observationId: observation.value || undefined,
      direction: direction.value, strength: strength.value, note: note.value || undefined}, {ifMatch: h.version});
    if (answer) after(answer);
  });
  return form;
}

/** A meeting of the hypothesis's workspace, or one shared with it (unshared ones stay cited, but are cited no more). */
function citable(m, workspace) {
  return !m.workspace || m.workspace === workspace || !m.sharedWith || m.sharedWith.includes(workspace);
}

function decideForm(h, path, after) {
  const outcome = el('select', {id: 'decision-outcome', 'data-field': 'outcome'}, options(['VALIDATED', 'INVALIDATED', 'PARKED']));
  const rationale = el('textarea', {id: 'decision-rationale', 'data-field': 'rationale', rows: 3});
  const counting = h.evidence.filter(e => e.counts);
  const evidence = el('fieldset', {'data-field': 'evidenceIds', id: 'decision-evidence'},
    el('legend', {}, 'Resting on'),
    counting.length ? counting.map(e => el('label', {class: 'check'},
      el('input', {type: 'checkbox', name: 'evidenceIds', value: e.id}),
      format.words(e.direction) + ' · ' + (e.organization || e.meetingId) + (e.observationText ? ': ' + e.observationText.slice(0, 60) : '')))
      : el('p', {class: 'muted'}, 'No evidence that counts yet: only PARKED is possible.'));
  const form = el('form', {class: 'card', id: 'decide', 'aria-labelledby': 'decide-title'},
    el('h2', {id: 'decide-title'}, 'Decide'),
    field('Outcome', outcome), field('Rationale', rationale), evidence,
    el('button', {type: 'submit'}, 'Record decision'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const evidenceIds = [...form.querySelectorAll('input[name=evidenceIds]:checked')].map(box => box.value);
    const answer = await send(form, path + '/decisions', {outcome: outcome.value, rationale: rationale.value, evidenceIds},
      {ifMatch: h.version});
    if (answer) after(answer);
  });
  return form;
}

function reopenForm(path, after) {
  const reason = el('textarea', {id: 'reopen-reason', 'data-field': 'reason', rows: 2});
  const form = el('form', {class: 'card', id: 'reopen', 'aria-labelledby': 'reopen-title'},
    el('h2', {id: 'reopen-title'}, 'Reopen'), field('Why reopen it?', reason),
    el('button', {type: 'submit'}, 'Reopen'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await send(form, path + '/reopening', {reason: reason.value});
    if (answer) after(answer);
  });
  return form;
}

function pivotForm(h, path) {
  const control = (name, element) => { element.id = 'pivot-' + name.replace('.', '-'); element.dataset.field = name; return element; };
  const rationale = control('rationale', el('textarea', {rows: 2}));
  const title = control('successor.title', el('input', {}));
  const statement = control('successor.statement', el('textarea', {rows: 2}));
  const category = control('successor.category', el('select', {}, options(['DESIRABILITY', 'VIABILITY', 'FEASIBILITY', 'USABILITY'], h.category)));
  const criteria = control('successor.successCriteria', el('textarea', {rows: 2}));
  const form = el('form', {class: 'card', id: 'pivot', 'aria-labelledby': 'pivot-title'},
    el('details', {},
      el('summary', {}, el('h2', {id: 'pivot-title', style: 'display:inline'}, 'Pivot')),
      el('p', {class: 'muted'}, 'Closes this hypothesis and proposes its successor, in one step.'),
      field('Why pivot?', rationale), field('Successor title', title), field('Successor statement', statement),
      field('Category', category), field('We are right if', criteria),
      el('button', {type: 'submit'}, 'Pivot')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await send(form, path + '/pivot', {rationale: rationale.value, successor: {title: title.value,
      statement: statement.value, category: category.value, successCriteria: criteria.value}}, {ifMatch: h.version});
    if (answer) location.hash = '#/hypotheses/' + encodeURIComponent(answer.body.id) + '?minVersion=0';
  });
  return form;
}
