// "New backend": a prompt and a model; Preview asks POST /api/plan and shows what would be
// built, Generate streams the stages of POST /api/generate-from-prompt and shows the result.
import { h, uid, replace } from '../dom.js';
import { api } from '../api.js';
import { wirePlanAndGenerate } from '../components/plan-and-generate.js';
import { modelSelect } from '../components/model-select.js';
import { quotaLine } from '../components/quota.js';

const MAX_PROMPT = 8000;

export function newBackendView() {
  const promptId = uid('prompt');
  const prompt = h('textarea', {
    id: promptId, name: 'prompt', rows: '5', required: true, maxlength: String(MAX_PROMPT),
    placeholder: 'e.g. a todo API where users have projects and tasks with due dates',
    'aria-describedby': `${promptId}-hint`,
  });
  const model = modelSelect();
  const quota = quotaLine();
  const preview = h('button', { type: 'button', class: 'secondary' }, 'Preview');
  const generate = h('button', { type: 'submit' }, 'Generate');
  const output = h('div', { class: 'output', 'aria-live': 'polite' });

  const form = h('form', { class: 'card', 'aria-labelledby': 'new-title', novalidate: true },
    h('h2', { id: 'new-title' }, 'New backend'),
    h('label', { for: promptId }, 'Describe the backend'),
    prompt,
    h('p', { class: 'hint', id: `${promptId}-hint` },
      'Name the things it should store and how they relate. Preview shows the plan without using your quota.'),
    model.el,
    h('div', { class: 'actions' }, preview, generate),
    quota.el);

  function busy(on) {
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    for (const el of form.elements) el.disabled = on || el.dataset.loading === '1';
  }

  function text() {
    const value = prompt.value.trim();
    if (!value) {
      replace(output, h('p', { class: 'alert', role: 'alert' }, 'Please describe the backend first.'));
      prompt.focus();
    }
    return value;
  }

  wirePlanAndGenerate({
    form, preview, output, busy, read: text,
    plan: (value) => api.plan(value, model.value()),
    generate: (value, onStage) => api.generateFromPrompt(value, model.value(), onStage).finally(quota.refresh),
  });

  return h('div', { class: 'view' }, form, output);
}
