// A project's files: a list on the left; choosing one fetches it (with the bearer token)
// and shows its text in a <pre> on the right.
import { h, replace, formatBytes } from '../dom.js';
import { api } from '../api.js';
import { errorBox } from './error-box.js';

export function fileBrowser(projectId, files, version) {
  const list = Array.isArray(files) ? files : [];
  const title = h('h4', { id: `viewer-title-${projectId}` }, 'Choose a file');
  const body = h('div', { class: 'viewer-body' },
    h('p', { class: 'muted' }, 'Select a file on the left to read it here.'));
  const viewer = h('section', { class: 'viewer', 'aria-labelledby': title.id, 'aria-live': 'polite' }, title, body);
  let current = null;
  let ticket = 0;

  async function open(file, button) {
    ticket += 1;
    const mine = ticket;
    if (current) current.removeAttribute('aria-current');
    current = button;
    button.setAttribute('aria-current', 'true');
    title.textContent = file.path;
    replace(body, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const text = await api.fileText(projectId, file.path, version);
      if (mine !== ticket) return; // another file was chosen meanwhile
      replace(body, h('pre', { class: 'code', tabindex: '0', 'aria-label': `Contents of ${file.path}` },
        h('code', {}, text || '(empty file)')));
    } catch (err) {
      if (mine === ticket) replace(body, errorBox(err, { title: `Could not open ${file.path}.` }));
    }
  }

  const nav = h('nav', { class: 'tree', 'aria-label': 'Project files' },
    h('ul', {}, list.map((f) => {
      const button = h('button', { type: 'button', class: 'file', title: f.path, 'aria-label': `${f.path}, ${formatBytes(f.size)}` },
        h('span', { class: 'file-name' }, f.path), h('span', { class: 'muted' }, formatBytes(f.size)));
      button.addEventListener('click', () => open(f, button));
      return h('li', {}, button);
    })));

  return h('div', { class: 'browser' }, nav, viewer);
}
