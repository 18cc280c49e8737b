import {allWorkspaces, api, clearProblems, el, field, format, hypothesisLink, list, mayIn, options, organizationLink, query,
  read, readOnlyNote, replace, send, sharedBadge, sharedFrom, showProblems, workspaceBadge, workspaceName,
  workspacesWhere} from '../app.js';

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
  const after = version => {
    const next = '#/meetings/' + encodeURIComponent(m.id) + (version === undefined ? '' : '?minVersion=' + version);
    if (location.hash === next) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = next;
  };
  // members of its workspace change it; members of a workspace it is shared with read it and cite it as evidence
  const owner = mayIn(m.workspace, 'CONTRIBUTOR');
  const citers = citingWorkspaces(m);
  replace(main,
    el('p', {class: 'meta'}, el('a', {href: '#/meetings'}, 'Meetings'), ' / ', organizationLink(m.organization), ' ',
      workspaceBadge(m.workspace)),
    el('h1', {}, m.title),
    sharedFrom(m.workspace) ? el('p', {class: 'notice shared-note', id: 'shared-by'}, sharedBadge(m.workspace), ' ',
      owner ? 'Recorded in ' + workspaceName(m.workspace) + ', shared with this workspace.'
        : 'Read-only here: only members of ' + workspaceName(m.workspace) + ' change it; you may cite it as evidence.') : '',
    m.retracted ? el('p', {class: 'form-error'}, 'Retracted: ', m.retractionReason) : '',
    m.redacted ? el('p', {class: 'notice', id: 'redacted'},
      'Redacted: the notes and observation texts of this meeting were erased for good; what was decided on them stays.') : '',
    el('div', {class: 'two'},
      el('div', {},
        el('section', {class: 'card'},
          el('p', {class: 'meta'}, format.dateTime(m.occurredAt), ' · ', organizationLink(m.organization), ' (', m.segment, ') · ',
            format.words(m.channel), ' · recorded by ', m.recordedBy),
          el('h2', {}, 'Attendees'),
          el('ul', {}, m.attendees.map(a => el('li', {class: a.erased ? 'muted erased' : ''}, a.name, a.role ? ', ' + a.role : '',
            el('span', {class: 'meta'}, ' (', format.words(a.side), ')')))),
          m.notes ? [el('h2', {}, 'Notes'), el('p', {}, m.notes)] : '',
          m.tags.length ? el('p', {class: 'meta'}, 'Tags: ', m.tags.join(', ')) : ''),
        el('section', {class: 'card', id: 'observations'}, el('h2', {}, 'Observations (' + m.observations.length + ')'),
          m.observations.length ? el('ul', {class: 'list'}, m.observations.map(o => el('li', {id: 'observation-' + o.id},
            el('span', {class: 'badge'}, format.words(o.kind)), el('blockquote', {}, o.text),
            el('p', {class: 'meta'}, [o.speakerName, o.speakerRole].filter(Boolean).join(', ')))))
            : el('p', {class: 'muted'}, 'Nothing captured yet.')),
        el('section', {class: 'card'}, el('h2', {}, 'Evidence for'),
          m.servedAsEvidence.length ? el('ul', {class: 'list'}, m.servedAsEvidence.map(e => el('li', {},
            hypothesisLink(e.hypothesisId, e.hypothesisTitle), el('span', {class: 'meta'}, ' · ', format.words(e.direction),
              ', ', format.words(e.strength).toLowerCase(), e.observationId ? ' · observation ' + e.observationId : '',
              e.withdrawnAt ? ' · withdrawn' : ''))))
            : el('p', {class: 'muted'}, 'Not linked to any hypothesis yet.'))),
      el('aside', {}, sharing(m, path, owner, after),
        m.retracted ? '' : [citers.length ? linkEvidenceForm(m, citers) : '',
          owner ? observationForm(m, path, after) : citers.length ? '' : readOnlyNote(m.workspace)])));
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

/** The workspaces whose hypotheses the caller may cite this meeting for: its own, and those it is shared with. */
function citingWorkspaces(m) {
  const readers = [m.workspace, ...(m.sharedWith || [])];
  return workspacesWhere('CONTRIBUTOR').map(w => w.id).filter(id => !m.workspace || readers.includes(id));
}

/**
 * Which other workspaces read this meeting. Contributors of its workspace share it (read-only) and stop sharing it:
 * evidence already cited stays, new citations stop.
 */
function sharing(m, path, owner, after) {
  const shared = m.sharedWith || [];
  if (!owner && !shared.length) return '';
  const message = el('div', {id: 'sharing-message', 'aria-live': 'polite'});
  const refused = answer => replace(message, el('div', {class: 'form-error', role: 'alert'},
    el('strong', {}, answer.body?.title || 'Refused'), ' ', answer.body?.detail || 'The API answered ' + answer.status));
  const stop = workspace => async event => {
    event.target.disabled = true;
    const answer = await api(path + '/shares/' + encodeURIComponent(workspace), {method: 'DELETE'});
    event.target.disabled = false;
    if (answer.ok) after(answer.body?.version);
    else refused(answer);
  };
  const list = shared.length ? el('ul', {class: 'list', id: 'shared-with'}, shared.map(id => el('li', {'data-workspace': id},
    workspaceBadge(id), owner ? el('button', {type: 'button', class: 'secondary', id: 'unshare-' + id,
      onclick: stop(id)}, 'Stop sharing') : '')))
    : el('p', {class: 'muted'}, 'Only ' + workspaceName(m.workspace) + ' reads it.');
  const others = allWorkspaces().filter(w => w.id !== m.workspace && !shared.includes(w.id));
  let form = '';
  if (owner && !m.retracted) {
    // other teams' workspaces are not listed to non-members: their id is typed, yours are offered
    const target = el('input', {id: 'share-workspace', 'data-field': 'workspace', required: true,
      list: 'share-workspaces', pattern: '[a-z0-9][a-z0-9-]{1,39}', placeholder: 'workspace id'});
    const known = el('datalist', {id: 'share-workspaces'}, others.map(w => el('option', {value: w.id}, w.name)));
    form = el('form', {id: 'share', class: 'inline'}, field('Share with…', target,
      'Its members read it and may cite it as evidence; they cannot change it'), known,
      el('button', {type: 'submit', class: 'secondary'}, 'Share'));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const answer = await send(form, path + '/shares', {workspace: target.value});
      if (answer) after(answer.body?.version);
    });
  }
  return el('section', {class: 'card', id: 'sharing', 'aria-labelledby': 'sharing-title'},
    el('h2', {id: 'sharing-title'}, 'Shared with'), message, list, form);
}

/** One piece of evidence per chosen hypothesis, all from this meeting (and one of its observations, if chosen). */
function linkEvidenceForm(m, workspaces) {
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
  // the hypotheses of every workspace that may cite it, where the caller contributes
  Promise.all(workspaces.map(workspace => api('/api/hypotheses' + query({size: 200, workspace})))).then(answers =>
    replace(choices, answers.flatMap(answer => answer.ok ? answer.body.items : [])
      .filter((h, i, all) => all.findIndex(other => other.id === h.id) === i)
      .filter(h => h.status !== 'PIVOTED' && (!h.workspace || workspaces.includes(h.workspace)))
      .map(h => el('label', {class: 'check'}, el('input', {type: 'checkbox', name: 'hypothesis', value: h.id}), h.title,
        el('span', {class: 'meta'}, ' (' + format.words(h.status) + ')'), workspaces.length > 1 ? workspaceBadge(h.workspace) : ''))));
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
