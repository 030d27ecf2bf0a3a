// What a successful generation answers: the project's name and links, its warnings and
// notes, and its files.
import { h } from '../dom.js';
import { downloadButton } from './download.js';
import { warningsList, notesList, fileList } from './plan-details.js';

export function generationResult(result) {
  const name = result.name || `project ${result.project_id}`;
  return h('section', { class: 'result card', 'aria-label': 'Generation result' },
    h('h3', {}, `Generated ${name}`),
    h('p', {},
      `Version ${result.version ?? 1}, ${result.status || 'generated'} by the ${result.planner || ''} planner. `,
      result.sha256 ? h('span', { class: 'muted' }, `sha256 ${String(result.sha256).slice(0, 12)}…`) : null),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/projects/${encodeURIComponent(result.project_id)}` }, 'Open project'),
      result.download_url ? downloadButton(result.download_url, { name: `Download ${name} ZIP` }) : null),
    warningsList(result.warnings),
    notesList(result.notes),
    fileList(result.files));
}
