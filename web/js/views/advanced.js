// "Advanced": paste a BackendSpec JSON, preview it with POST /api/plan or generate it with
// POST /api/generate (streamed like a prompt). The JSON is checked here first so a typo
// is pointed at before anything is sent.
import { h, uid, replace } from '../dom.js';
import { api } from '../api.js';
import { errorBox } from '../components/error-box.js';
import { progressList } from '../components/progress.js';
import { planPreview } from '../components/plan-preview.js';
import { generationResult } from '../components/generation-result.js';

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

  preview.addEventListener('click', async () => {
    const spec = parsed();
    if (!spec) return;
    busy(true);
    try {
      replace(output, planPreview(await api.planSpec(spec)));
    } catch (err) {
      replace(output, errorBox(err));
    } finally {
      busy(false);
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const spec = parsed();
    if (!spec) return;
    busy(true);
    const progress = progressList();
    const status = h('div', {});
    replace(output, h('section', { class: 'card', 'aria-label': 'Generation' }, h('h3', {}, 'Generating'), progress.el, status));
    try {
      const result = await api.generateFromSpec(spec, progress.stage);
      progress.stage('stored');
      output.append(generationResult(result));
    } catch (err) {
      progress.fail();
      replace(status, errorBox(err));
    } finally {
      busy(false);
    }
  });

  return h('div', { class: 'view' }, form, output);
}
