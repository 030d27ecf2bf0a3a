// "Advanced": paste a BackendSpec JSON, preview it with POST /api/plan or generate it with
// POST /api/generate (streamed like a prompt). The JSON is checked here first so a typo
// is pointed at before anything is sent.
import { h, uid, replace } from '../dom.js';
import { api } from '../api.js';
import { wirePlanAndGenerate } from '../components/plan-and-generate.js';

const MAX_SPEC = 1024 * 1024;

export function advancedView() {
  const id = uid('spec');
  const area = h('textarea', {
    id, name: 'spec', rows: '16', spellcheck: 'false', class: 'mono', required: true,
    'aria-describedby': `${id}-hint`,
  });
  const preview = h('button', { type: 'button', class: 'secondary' }, 'Preview spec');
  const generate = h('button', { type: 'submit' }, 'Generate from spec');
  const output = h('div', { class: 'output', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', 'aria-labelledby': 'advanced-title', novalidate: true },
    h('h2', { id: 'advanced-title' }, 'Generate from a spec'),
    h('label', { for: id }, 'Spec JSON'),
    area,
    h('p', { class: 'hint', id: `${id}-hint` },
      'A BackendSpec v1 document (see GET /api/spec-schema), e.g. backforge.json from a generated project.'),
    h('div', { class: 'actions' }, preview, generate));

  function busy(on) {
    for (const el of form.elements) el.disabled = on;
  }

  function parsed() {
    const text = area.value.trim();
    let problem = null;
    let spec = null;
    if (!text) problem = 'Please paste a spec first.';
    else if (text.length > MAX_SPEC) problem = 'The spec is larger than 1 MiB.';
    else {
      try {
        spec = JSON.parse(text);
        if (!spec || typeof spec !== 'object' || Array.isArray(spec)) problem = 'The spec must be a JSON object.';
      } catch (err) {
        problem = `That is not valid JSON: ${err.message}`;
      }
    }
    if (problem) {
      replace(output, h('p', { class: 'alert', role: 'alert' }, problem));
      area.focus();
      return null;
    }
    // Both shapes are accepted by the API: {"spec": {...}} or the spec itself.
    return spec.spec && typeof spec.spec === 'object' ? spec.spec : spec;
  }

  wirePlanAndGenerate({
    form, preview, output, busy, read: parsed,
    plan: (spec) => api.planSpec(spec),
    generate: (spec, onStage) => api.generateFromSpec(spec, onStage),
  });

  return h('div', { class: 'view' }, form, output);
}
