import {api, clearProblems, el, field, format, hypothesisLink, list, may, options, organizationLink, query, read,
  readOnlyNote, replace, send, showProblems} from '../app.js';

const KINDS = ['QUOTE', 'PAIN_POINT', 'REQUEST', 'OBSERVATION'];

/** One meeting: who was there, what was heard, what it is evidence for; capture more and link it to hypotheses. */
export async function render(main, params) {
  const path = '/api/meetings/' + encodeURIComponent(params.id);
  const answer = await read(path + query({minVersion: params.minVersion}));
  if (answer.status === 404) {
    replace(main, el('h1', {}, 'No such meeting'), el('p', {}, el('a', {href: '#/meetings'}, 'Back to the meetings')));
    return;
  }
  const m = answer.body;
  const after = version => { location.hash = '#/meetings/' + encodeURIComponent(m.id) + '?minVersion=' + version; };
  replace(main,
    el('p', {class: 'meta'}, el('a', {href: '#/meetings'}, 'Meetings'), ' / ', organizationLink(m.organization)),
    el('h1', {}, m.title),
    m.retracted ? el('p', {class: 'form-error'}, 'Retracted: ', m.retractionReason) : '',
    el('div', {class: 'two'},
      el('div', {},
        el('section', {class: 'card'},
          el('p', {class: 'meta'}, format.dateTime(m.occurredAt), ' · ', organizationLink(m.organization), ' (', m.segment, ') · ',
            format.words(m.channel), ' · recorded by ', m.recordedBy),
          el('h2', {}, 'Attendees'),
          el('ul', {}, m.attendees.map(a => el('li', {}, a.name, ', ', a.role, el('span', {class: 'meta'}, ' (', format.words(a.side), ')')))),
          m.notes ? [el('h2', {}, 'Notes'), el('p', {}, m.notes)] : '',
          m.tags.length ? el('p', {class: 'meta'}, 'Tags: ', m.tags.join(', ')) : ''),
        el('section', {class: 'card', id: 'observations'}, el('h2', {}, 'Observations (' + m.observations.length + ')'),
          m.observations.length ? el('ul', {class: 'list'}, m.observations.map(o => el('li', {id: 'observation-' + o.id},
            el('span', {class: 'badge'}, format.words(o.kind)), el('blockquote', {}, o.text),
            el('p', {class: 'meta'}, o.speakerName ? o.speakerName + ', ' : '', o.speakerRole))))
            : el('p', {class: 'muted'}, 'Nothing captured yet.')),
        el('section', {class: 'card'}, el('h2', {}, 'Evidence for'),
          m.servedAsEvidence.length ? el('ul', {class: 'list'}, m.servedAsEvidence.map(e => el('li', {},
            hypothesisLink(e.hypothesisId, e.hypothesisTitle), el('span', {class: 'meta'}, ' · ', format.words(e.direction),
              ', ', format.words(e.strength).toLowerCase(), e.observationId ? ' · observation ' + e.observationId : '',
              e.withdrawnAt ? ' · withdrawn' : ''))))
            : el('p', {class: 'muted'}, 'Not linked to any hypothesis yet.'))),
      el('aside', {}, m.retracted ? '' : may('CONTRIBUTOR') ? [linkEvidenceForm(m, after), observationForm(m, path, after)]
        : readOnlyNote())));
}

function observationForm(m, path, after) {
  const control = (name, element) => { element.id = 'observation-' + name; element.dataset.field = name; return element; };
  const text = control('text', el('textarea', {rows: 3}));
  const kind = control('kind', el('select', {}, options(KINDS)));
  const speakerRole = control('speakerRole', el('input', {}));
  const speakerName = control('speakerName', el('input', {}));
  const tags = control('tags', el('input', {}));
  const form = el('form', {class: 'card', id: 'capture-observation', 'aria-labelledby': 'capture-title'},
    el('h2', {id: 'capture-title'}, 'Capture an observation'),
    field('What was said or seen', text), field('Kind', kind),
    el('div', {class: 'row'}, field('Speaker role', speakerRole), field('Speaker name', speakerName, 'Optional')),
    field('Tags', tags, 'Separated by commas'),
    el('button', {type: 'submit'}, 'Capture'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await send(form, path + '/observations', {text: text.value, kind: kind.value,
      speakerRole: speakerRole.value, speakerName: speakerName.value || undefined, tags: list(tags.value)});
    if (answer) after(answer.body.version);
  });
  return form;
}

/** One piece of evidence per chosen hypothesis, all from this meeting (and one of its observations, if chosen). */
function linkEvidenceForm(m, after) {
  const observation = el('select', {id: 'link-observation', 'data-field': 'observationId'},
    el('option', {value: ''}, 'The meeting as a whole'),
    m.observations.map(o => el('option', {value: o.id}, format.words(o.kind) + ': ' + o.text.slice(0, 80))));
  const direction = el('select', {id: 'link-direction', 'data-field': 'direction'}, options(['SUPPORTS', 'CONTRADICTS']));
  const strength = el('select', {id: 'link-strength', 'data-field': 'strength'}, options(['WEAK', 'MODERATE', 'STRONG'], 'MODERATE'));
  const note = el('textarea', {id: 'link-note', 'data-field': 'note', rows: 2});
  const search = el('input', {type: 'search', id: 'link-search', placeholder: 'Narrow the list'});
  const choices = el('div', {class: 'choices'}, el('p', {class: 'muted'}, 'Loading hypotheses…'));
  const hypotheses = el('fieldset', {id: 'link-hypotheses', 'data-field': 'hypotheses'}, el('legend', {}, 'Hypotheses'),
    field('Find', search), choices);
  api('/api/hypotheses?size=200').then(answer => replace(choices, answer.body.items.filter(h => h.status !== 'PIVOTED')
    .map(h => el('label', {class: 'check'}, el('input', {type: 'checkbox', name: 'hypothesis', value: h.id}), h.title,
      el('span', {class: 'meta'}, ' (' + format.words(h.status) + ')')))));
  search.addEventListener('input', () => choices.querySelectorAll('label').forEach(label => {
    label.hidden = !label.textContent.toLowerCase().includes(search.value.toLowerCase());
  }));
  const form = el('form', {class: 'card', id: 'link-evidence', 'aria-labelledby': 'link-title'},
    el('h2', {id: 'link-title'}, 'Link as evidence'),
    field('Observation', observation),
    el('div', {class: 'row'}, field('Direction', direction), field('Strength', strength)),
    field('Note', note), hypotheses,
    el('button', {type: 'submit'}, 'Link evidence'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearProblems(form);
    const chosen = [...form.querySelectorAll('input[name=hypothesis]:checked')].map(box => box.value);
    if (!chosen.length) {
      showProblems(form, {errors: [{field: 'hypotheses', rule: 'NotEmpty', message: 'choose at least one hypothesis'}]});
      return;
    }
    const body = {meetingId: m.id, observationId: observation.value || undefined, direction: direction.value,
      strength: strength.value, note: note.value || undefined};
    const refused = [];
    let first = null;
    for (const id of chosen) {
      const answer = await send(form, '/api/hypotheses/' + encodeURIComponent(id) + '/evidence', body);
      if (!answer) refused.push([id, form.querySelector('.form-error, .field-error')?.textContent]);
      else first = first || [id, answer.body.version];
    }
    if (!refused.length) {
      location.hash = '#/hypotheses/' + encodeURIComponent(first[0]) + '?minVersion=' + first[1];
    } else if (chosen.length > 1) {
      // one refusal already shows beside its field; several are listed together
      showProblems(form, {title: 'Not linked to every hypothesis', detail: (chosen.length - refused.length) + ' linked; refused: '
        + refused.map(([id, why]) => id + ' (' + why + ')').join('; ')});
    }
  });
  return form;
}
