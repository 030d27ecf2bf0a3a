// The model picker, filled from GET /api/models (loaded once into the store); the default
// model is preselected and marked.
import { h, uid } from '../dom.js';
import { api } from '../api.js';
import { getState, update } from '../store.js';

export async function loadModels() {
  const { models } = getState();
  if (models) return models;
  const answer = await api.models();
  const list = answer && Array.isArray(answer.models) ? answer.models : [];
  update({ models: list });
  return list;
}

function optionLabel(m) {
  const name = m.name && m.name !== m.id ? `${m.name} (${m.id})` : m.id;
  const provider = m.provider ? ` · ${m.provider}` : '';
  return `${name}${provider}${m.default ? ' — default' : ''}`;
}

// Returns {el, value()}: a labelled select that fills itself.
export function modelSelect() {
  const id = uid('model');
  // data-loading keeps the select disabled until it is filled, whatever the form does.
  const select = h('select', { id, name: 'model', disabled: true, dataset: { loading: '1' } },
    h('option', { value: '' }, 'Loading models…'));
  const hint = h('p', { class: 'hint', id: `${id}-hint` }, 'The offline planner needs no provider; LLM models are billed.');
  select.setAttribute('aria-describedby', hint.id);
  loadModels().then((models) => {
    select.replaceChildren(...models.map((m) =>
      h('option', { value: m.id, selected: Boolean(m.default) }, optionLabel(m))));
    if (!models.length) select.append(h('option', { value: '' }, 'Server default'));
    delete select.dataset.loading;
    select.disabled = Boolean(select.form && select.form.getAttribute('aria-busy') === 'true');
  }).catch(() => {
    select.replaceChildren(h('option', { value: '' }, 'Server default'));
    delete select.dataset.loading;
    select.disabled = Boolean(select.form && select.form.getAttribute('aria-busy') === 'true');
    hint.textContent = 'The model list could not be loaded; the server default will be used.';
  });
  return {
    el: h('div', { class: 'field' }, h('label', { for: id }, 'Model'), select, hint),
    value: () => select.value,
  };
}
