// Hash routes: #/new, #/projects[?page=N], #/projects/{id}[?file=PATH&version=N], #/advanced. The route goes
// into the store; the app renders what the store says.
import { update } from './store.js';

export function parse(hash) {
  const raw = (hash || '').replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const params = Object.fromEntries(new URLSearchParams(query));
  if (parts[0] === 'projects' && parts[1] && /^[0-9]+$/.test(parts[1])) {
    // ?file=PATH names the open file of the code browser, ?version=N the version it shows.
    return { name: 'project', params: {
      ...(params.file ? { file: params.file } : {}),
      ...(/^[1-9][0-9]{0,6}$/.test(params.version || '') ? { version: params.version } : {}),
      id: parts[1] } };
  }
  if (parts[0] === 'projects' && !parts[1]) return { name: 'projects', params };
  if (parts[0] === 'advanced') return { name: 'advanced', params };
  return { name: 'new', params };
}

export function startRouter() {
  const go = () => update({ route: parse(window.location.hash) });
  window.addEventListener('hashchange', go);
  go();
}
