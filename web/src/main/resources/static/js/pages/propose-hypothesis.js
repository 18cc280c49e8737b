import {el, field, list, options, replace, send, workspaceField} from '../app.js';

/** Propose a hypothesis; its id is chosen once per form, so sending it again proposes nothing twice. */
export async function render(main) {
  const hypothesisId = 'h-' + crypto.randomUUID();
  const control = (name, element) => { element.id = 'hypothesis-' + name; element.dataset.field = name; return element; };
  const title = control('title', el('input', {maxlength: 200}));
  const statement = control('statement', el('textarea', {rows: 3, placeholder: 'We believe that …'}));
  const category = control('category', el('select', {}, options(['DESIRABILITY', 'VIABILITY', 'FEASIBILITY', 'USABILITY'])));
  const criteria = control('successCriteria', el('textarea', {rows: 2, placeholder: 'We are right if …'}));
  const segments = control('segments', el('input', {}));
  const tags = control('tags', el('input', {}));
  const workspace = workspaceField('hypothesis-workspace');
  const form = el('form', {class: 'card', id: 'propose-hypothesis', 'aria-labelledby': 'propose-title', novalidate: true},
    el('h1', {id: 'propose-title'}, 'Propose a hypothesis'), workspace.element,
    field('Title', title), field('Statement', statement), field('Category', category),
    field('Success criteria', criteria), field('Segments', segments, 'Who it is about, separated by commas'),
    field('Tags', tags, 'Separated by commas'),
    el('button', {type: 'submit'}, 'Propose'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!workspace.chosen(form)) return;
    const answer = await send(form, '/api/hypotheses', {id: hypothesisId, title: title.value, statement: statement.value,
      category: category.value, successCriteria: criteria.value, segments: list(segments.value), tags: list(tags.value),
      workspace: workspace.value()});
    if (answer) location.hash = '#/hypotheses/' + hypothesisId + '?minVersion=' + answer.body.version;
  });
  replace(main, form);
}
