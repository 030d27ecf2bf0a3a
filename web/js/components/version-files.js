// The code browser of a chosen version: a version chooser (the address keeps it as
// ?version=N, so a reload or a shared link shows the same files) above the browser of
// that version's files, from GET /api/projects/{id}/versions/{n} (the latest version's
// come with the project).
import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { getState, subscribe } from '../store.js';
import { codeBrowser } from './code-browser.js';
import { errorBox } from './error-box.js';

function routeVersion(projectId, latest) {
  const { route } = getState();
  if (route.name !== 'project' || route.params.id !== String(projectId)) return null;
  const n = Number(route.params.version || latest);
  return Number.isInteger(n) && n >= 1 ? n : latest;
}

export function versionFiles(project) {
  const latest = project.latest_version;
  const numbers = (project.versions || []).map((v) => v.version).sort((a, b) => b - a);
  const place = h('div', {});
  const chooser = h('select', { 'aria-label': 'Version of the files' },
    numbers.map((n) => h('option', { value: String(n) }, `v${n}${n === latest ? ' (latest)' : ''}`)));
  let shown = null;
  let ticket = 0;

  async function show(n) {
    if (n === shown) return;
    shown = n;
    ticket += 1;
    const mine = ticket;
    chooser.value = String(n);
    if (n === latest) {
      replace(place, codeBrowser(project.id, project.files, { version: latest, latest }));
      return;
    }
    replace(place, h('p', { class: 'muted' }, `Loading the files of v${n}…`));
    try {
      const v = await api.version(project.id, n);
      if (mine === ticket) replace(place, codeBrowser(project.id, v.files, { version: n, latest }));
    } catch (err) {
      if (mine === ticket) replace(place, errorBox(err, { title: `Could not load the files of v${n}.` }));
    }
  }

  chooser.addEventListener('change', () => {
    const q = new URLSearchParams();
    const n = Number(chooser.value);
    if (n !== latest) q.set('version', String(n));
    const query = q.toString();
    window.location.hash = `#/projects/${encodeURIComponent(project.id)}${query ? `?${query}` : ''}`;
  });
  const el = h('div', {},
    numbers.length > 1 ? h('p', { class: 'row' }, h('label', {}, 'Files of ', chooser)) : null,
    place);
  const unsubscribe = subscribe((state, keys) => {
    if (!el.isConnected) unsubscribe();
    else if (keys.includes('route')) {
      const n = routeVersion(project.id, latest);
      if (n !== null) show(n);
    }
  });
  show(routeVersion(project.id, latest) ?? latest);
  return el;
}
