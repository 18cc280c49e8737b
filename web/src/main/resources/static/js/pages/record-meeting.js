import {api, el, field, instant, list, options, query, replace, scoped, send, showProblems, workspaceField} from '../app.js';

const CHANNELS = ['VIDEO', 'IN_PERSON', 'PHONE', 'EVENT'];
const KINDS = ['QUOTE', 'PAIN_POINT', 'REQUEST', 'OBSERVATION'];

/**
 * Record a meeting straight after it happened, with who was there and what was heard. The ids are chosen here, once
 * per form, so sending it again after a failure records nothing twice.
 */
export async function render(main) {
  const meetingId = 'm-' + crypto.randomUUID();
  const control = (name, element) => { element.id = 'meeting-' + name; element.dataset.field = name; return element; };
  const title = control('title', el('input', {required: true, maxlength: 200}));
  const occurredAt = control('occurredAt', el('input', {type: 'datetime-local', required: true}));
  occurredAt.value = localNow();
  const organization = control('organization', el('input', {required: true, list: 'known-organizations'}));
  const segment = control('segment', el('input', {required: true, list: 'known-segments'}));
  const channel = control('channel', el('select', {}, options(CHANNELS)));
  const notes = control('notes', el('textarea', {rows: 4}));
  const tags = control('tags', el('input', {}));
  const workspace = workspaceField('meeting-workspace');
  const attendees = el('fieldset', {id: 'meeting-attendees', 'data-field': 'attendees'}, el('legend', {}, 'Attendees'));
  const observations = el('fieldset', {id: 'meeting-observations'}, el('legend', {}, 'Observations'));
  const known = [el('datalist', {id: 'known-organizations'}), el('datalist', {id: 'known-segments'})];
  api('/api/organizations' + query(scoped({size: 200}))).then(answer => {
    replace(known[0], answer.body.items.map(o => el('option', {value: o.name})));
    replace(known[1], [...new Set(answer.body.items.flatMap(o => o.segments))].map(s => el('option', {value: s})));
  });

  let attendeeCount = 0;
  const addAttendee = (side = 'CUSTOMER') => {
    const i = attendeeCount++;
    const row = (name, element) => { element.id = 'attendee-' + i + '-' + name; element.dataset.field = 'attendees[' + i + '].' + name; return element; };
    attendees.querySelector('.add-attendee').before(el('div', {class: 'row attendee'},
      field('Name', row('name', el('input', {}))), field('Role', row('role', el('input', {}))),
      field('Side', row('side', el('select', {}, options([['CUSTOMER', 'Customer'], ['TEAM', 'Our team']], side))))));
  };
  let observationCount = 0;
  const addObservation = () => {
    const i = observationCount++;
    const row = (name, element) => { element.id = 'observation-' + i + '-' + name; element.dataset.field = 'observations[' + i + '].' + name; return element; };
    observations.querySelector('.add-observation').before(el('div', {class: 'observation', 'data-id': 'o-' + crypto.randomUUID()},
      field('What was said or seen', row('text', el('textarea', {rows: 2}))),
      el('div', {class: 'row'}, field('Kind', row('kind', el('select', {}, options(KINDS)))),
        field('Speaker role', row('speakerRole', el('input', {}))))));
  };
  attendees.append(el('button', {type: 'button', class: 'secondary add-attendee', onclick: () => addAttendee()}, 'Add attendee'));
  observations.append(el('button', {type: 'button', class: 'secondary add-observation', onclick: addObservation}, 'Add observation'));
  addAttendee('CUSTOMER');
  addAttendee('TEAM');
  addObservation();

  const form = el('form', {class: 'card', id: 'record-meeting', 'aria-labelledby': 'record-title', novalidate: true},
    el('h1', {id: 'record-title'}, 'Record a meeting'), workspace.element,
    field('Title', title), el('div', {class: 'row'}, field('When', occurredAt), field('Channel', channel)),
    el('div', {class: 'row'}, field('Organisation', organization), field('Segment', segment, 'e.g. bank, public sector, retailer')),
    attendees, field('Notes', notes), field('Tags', tags, 'Separated by commas'), observations, known,
    el('button', {type: 'submit'}, 'Record meeting'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!workspace.chosen(form)) return;
    const value = (prefix, name) => form.querySelector('[data-field="' + prefix + name + '"]').value;
    const people = [...attendees.querySelectorAll('.attendee')].map((row, i) => ({
      name: value('attendees[' + i + '].', 'name'), role: value('attendees[' + i + '].', 'role'), side: value('attendees[' + i + '].', 'side')}))
      .filter(a => a.name || a.role);
    const answer = await send(form, '/api/meetings', {id: meetingId, title: title.value, occurredAt: instant(occurredAt.value),
      organization: organization.value, segment: segment.value, channel: channel.value, attendees: people,
      notes: notes.value, tags: list(tags.value), workspace: workspace.value()});
    if (!answer) return;
    let version = answer.body.version;
    const rows = [...observations.querySelectorAll('.observation')];
    for (let i = 0; i < rows.length; i++) {
      const text = value('observations[' + i + '].', 'text');
      if (!text.trim()) continue;
      const captured = await api('/api/meetings/' + meetingId + '/observations', {method: 'POST', body: {id: rows[i].dataset.id,
        text, kind: value('observations[' + i + '].', 'kind'), speakerRole: value('observations[' + i + '].', 'speakerRole'), tags: []}});
      if (!captured.ok) {
        // the meeting is recorded; show what is wrong with this observation, prefixed so it lands beside its row
        const problem = captured.body || {};
        problem.errors = (problem.errors || []).map(e => ({...e, field: 'observations[' + i + '].' + e.field}));
        showProblems(form, problem);
        return;
      }
      version = captured.body.version;
    }
    location.hash = '#/meetings/' + meetingId + '?minVersion=' + version;
  });
  replace(main, form);
}

function localNow() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
