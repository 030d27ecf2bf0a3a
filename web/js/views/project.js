// One project: its summary, versions (each downloadable), the latest spec's entities and
// fields, review warnings, the planner's notes and a browser over its files.
import { h, replace, formatDate, formatBytes } from '../dom.js';
import { api } from '../api.js';
import { errorBox } from '../components/error-box.js';
import { downloadButton } from '../components/download.js';
import { specSummary } from '../components/spec-summary.js';
import { warningsList, notesList } from '../components/plan-details.js';
import { fileBrowser } from '../components/file-browser.js';
import { deleteProject } from './projects.js';

function versionsTable(p) {
  const versions = Array.isArray(p.versions) ? p.versions : [];
  return h('section', { 'aria-labelledby': 'versions-title' },
    h('h3', { id: 'versions-title' }, 'Versions'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Origin'),
        h('th', { scope: 'col' }, 'Planner'), h('th', { scope: 'col' }, 'Size'),
        h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, 'sha256'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Download')))),
      h('tbody', {}, versions.map((v) => h('tr', {},
        h('th', { scope: 'row' }, `v${v.version}`),
        h('td', {}, v.origin || ''),
        h('td', {}, [v.planner, v.model && v.model !== v.planner ? v.model : null].filter(Boolean).join(' / ')),
        h('td', {}, formatBytes(v.size)),
        h('td', {}, h('time', { datetime: v.created_at }, formatDate(v.created_at))),
        h('td', {}, h('code', { title: v.sha256 }, String(v.sha256 || '').slice(0, 12))),
        h('td', {}, v.download_url
          ? downloadButton(v.download_url, { label: 'Download', name: `Download version ${v.version} ZIP`, small: true })
          : null)))))));
}

function page(p) {
  const label = p.title || p.name;
  const problems = h('div', {});
  const del = h('button', { type: 'button', class: 'danger' }, 'Delete project');
  del.addEventListener('click', async () => {
    del.disabled = true;
    try {
      if (await deleteProject(p)) window.location.hash = '#/projects';
    } catch (err) {
      replace(problems, errorBox(err, { title: `Could not delete ${label}.` }));
    } finally {
      del.disabled = false;
    }
  });
  return [
    h('section', { class: 'card', 'aria-labelledby': 'project-title' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/projects' }, '← All projects')),
      h('div', { class: 'row' },
        h('h2', { id: 'project-title' }, label),
        h('span', { class: `badge status-${p.status}` }, p.status)),
      h('dl', { class: 'pairs' },
        h('dt', {}, 'Name'), h('dd', {}, h('code', {}, p.name)),
        h('dt', {}, 'Created'), h('dd', {}, formatDate(p.created_at)),
        h('dt', {}, 'Updated'), h('dd', {}, formatDate(p.updated_at)),
        p.prompt ? [h('dt', {}, 'Prompt'), h('dd', {}, p.prompt)] : null),
      h('div', { class: 'actions' },
        p.download_url ? downloadButton(p.download_url, { label: 'Download ZIP', name: 'Download ZIP' }) : null,
        del),
      problems),
    h('section', { class: 'card' }, versionsTable(p)),
    h('section', { class: 'card', 'aria-labelledby': 'spec-title' },
      h('h3', { id: 'spec-title' }, 'Spec'),
      specSummary(p.spec),
      warningsList(p.review && p.review.warnings),
      notesList(p.notes)),
    h('section', { class: 'card', 'aria-labelledby': 'files-title' },
      h('h3', { id: 'files-title' }, 'Files'),
      fileBrowser(p.id, p.files, p.latest_version)),
  ];
}

export function projectView({ id }) {
  const el = h('div', { class: 'view' }, h('p', { class: 'muted' }, 'Loading the project…'));
  api.project(id)
    .then((p) => replace(el, page(p)))
    .catch((err) => replace(el, h('section', { class: 'card' },
      errorBox(err, { title: err.status === 404 ? 'There is no such project (it may have been deleted).' : undefined }),
      h('p', {}, h('a', { href: '#/projects' }, 'Back to the projects')))));
  return el;
}
