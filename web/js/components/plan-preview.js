// The answer of POST /api/plan laid out: the spec summary, the endpoints it would make,
// review warnings and errors,
// the planner's notes, the file list and the estimate. Nothing has been stored yet.
import { h } from '../dom.js';
import { specSummary } from './spec-summary.js';
import { endpointsTable } from './endpoints.js';
import { warningsList, notesList, fileList, estimateList } from './plan-details.js';

export function planPreview(plan) {
  const errors = plan.review && Array.isArray(plan.review.errors) ? plan.review.errors : [];
  return h('section', { class: 'card preview', 'aria-label': 'Preview' },
    h('h3', {}, 'Preview'),
    h('p', { class: 'muted' },
      `Planned by ${plan.planner || 'the planner'}${plan.model ? ` (model ${plan.model})` : ''}. Nothing is stored until you generate.`),
    errors.length
      ? h('div', { class: 'alert', role: 'alert' },
        h('p', { class: 'alert-title' }, 'The review refuses this spec:'),
        h('ul', { class: 'problems' }, errors.map((e) => h('li', {},
          e.path ? h('code', {}, e.path) : null, e.path ? ' ' : null, e.message ?? String(e)))))
      : null,
    specSummary(plan.spec),
    errors.length ? null : endpointsTable(plan.spec),
    warningsList(plan.review && plan.review.warnings),
    notesList(plan.notes),
    h('div', { class: 'two' }, fileList(plan.files), estimateList(plan.estimate, plan.zip_size)));
}
