// What a plan or a stored version says besides the spec: review warnings, the notes on
// what the planner understood, guessed and ignored, the file list and the estimate.
import { h, formatBytes } from '../dom.js';

function problemText(p) {
  if (p && typeof p === 'object') return [p.path ? h('code', {}, p.path) : null, p.path ? ' ' : null, p.message ?? JSON.stringify(p)];
  return String(p);
}

export function warningsList(warnings) {
  const list = Array.isArray(warnings) ? warnings : [];
  return h('section', { class: 'warnings', 'aria-label': 'Review warnings' },
    h('h4', {}, `Review warnings (${list.length})`),
    list.length
      ? h('ul', { class: 'problems' }, list.map((w) => h('li', {}, problemText(w))))
      : h('p', { class: 'muted' }, 'None: the review found nothing to warn about.'));
}

// One list of the planner's notes under its heading with a count, or "Nothing.".
function notesGroup(title, list) {
  return h('div', {}, h('h4', {}, `${title} (${list.length})`),
    list.length ? h('ul', {}, list.map((n) => h('li', {}, String(n)))) : h('p', { class: 'muted' }, 'Nothing.'));
}

// What the planner understood, what it guessed (WordNet or a weaker rule) and what it
// ignored, each quoting the prompt.
export function notesList(notes) {
  const group = (key) => ((notes && Array.isArray(notes[key])) ? notes[key] : []);
  return h('section', { class: 'notes', 'aria-label': 'Planner notes' },
    notesGroup('Understood', group('understood')),
    notesGroup('Guessed', group('guessed')),
    notesGroup('Ignored', group('ignored')));
}

export function fileList(files) {
  const list = Array.isArray(files) ? files : [];
  return h('section', { class: 'files', 'aria-label': 'Files' },
    h('h4', {}, `Files (${list.length})`),
    h('ul', { class: 'file-list' }, list.map((f) => h('li', {},
      h('code', {}, f.path), h('span', { class: 'muted' }, formatBytes(f.size))))));
}

export function estimateList(estimate, zipSize) {
  const e = estimate || {};
  const rows = [
    ['Planner', e.planner || ''],
    ['Prompt tokens', String(e.prompt_tokens ?? 0)],
    ['Completion tokens', String(e.completion_tokens ?? 0)],
    ['Cost', `$${Number(e.cost_usd ?? 0).toFixed(4)}`],
  ];
  if (zipSize !== undefined) rows.push(['ZIP size', formatBytes(zipSize)]);
  return h('section', { class: 'estimate', 'aria-label': 'Estimate' },
    h('h4', {}, 'Estimate'),
    h('dl', { class: 'pairs' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}
