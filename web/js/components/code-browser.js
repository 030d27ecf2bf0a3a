// The code browser: the project's files as a collapsible folder tree (app/, app/routers/,
// tests/ ...) of links, each link an address (#/projects/ID?file=PATH[&version=N]) so a
// file stays open across a reload and can be shared; the chosen file with line numbers
// and highlighting, and, when the version has a predecessor, its changes since then.
import { h, replace, formatBytes } from '../dom.js';
import { api } from '../api.js';
import { getState, subscribe } from '../store.js';
import { buildTree, ancestors, fileCount } from '../lib/tree.js';
import { errorBox } from './error-box.js';
import { codeView } from './code-view.js';
import { diffView } from './diff-view.js';

export function fileHref(projectId, path, version) {
  const q = new URLSearchParams({ file: path });
  if (version) q.set('version', String(version));
  return `#/projects/${encodeURIComponent(projectId)}?${q.toString()}`;
}

// files: [{path, size}] of `version`; latest: the project's latest version number.
export function codeBrowser(projectId, files, { version, latest }) {
  const tree = buildTree(files);
  const links = new Map(); // path -> <a>
  const folders = new Map(); // path -> {button, list}
  const title = h('h4', { id: `viewer-title-${projectId}` }, 'Choose a file');
  const body = h('div', { class: 'viewer-body' }, h('p', { class: 'muted' }, 'Choose a file in the tree to read it here.'));
  const viewer = h('section', { class: 'viewer', 'aria-labelledby': title.id }, title, body);
  const linkVersion = version && version !== latest ? version : null;
  let shown = null;
  let ticket = 0;

  function setOpen(path, open) {
    const f = folders.get(path);
    if (!f) return;
    f.button.setAttribute('aria-expanded', open ? 'true' : 'false');
    f.list.hidden = !open;
  }

  function folder(node, depth) {
    // The top level starts open (app/, tests/...), deeper folders and dot-folders closed.
    const list = h('ul', { role: 'group', hidden: depth > 0 || node.name.startsWith('.') });
    const button = h('button', { type: 'button', class: 'folder', 'aria-expanded': list.hidden ? 'false' : 'true',
      'aria-label': `${node.name}/ folder, ${fileCount(node)} files` }, `${node.name}/`);
    button.addEventListener('click', () => setOpen(node.path, list.hidden));
    folders.set(node.path, { button, list });
    fill(list, node, depth + 1);
    return h('li', {}, button, list);
  }

  function fill(list, node, depth) {
    for (const d of node.dirs) list.append(folder(d, depth));
    for (const f of node.files) {
      const a = h('a', { class: 'file', href: fileHref(projectId, f.path, linkVersion), title: f.path,
        'aria-label': `${f.path}, ${formatBytes(f.size)}` },
        h('span', { class: 'file-name' }, f.name), h('span', { class: 'muted' }, formatBytes(f.size)));
      links.set(f.path, a);
      list.append(h('li', {}, a));
    }
  }

  const rootList = h('ul', { class: 'tree-root' });
  fill(rootList, tree, 0);
  const nav = h('nav', { class: 'tree', 'aria-label': 'Project files' }, rootList);

  async function show(path) {
    if (path === shown) return;
    shown = path;
    ticket += 1;
    const mine = ticket;
    for (const a of links.values()) a.removeAttribute('aria-current');
    if (!path) return;
    const link = links.get(path);
    if (!link) {
      title.textContent = path;
      replace(body, h('p', { class: 'alert', role: 'alert' }, `There is no file ${path} in v${version}.`));
      return;
    }
    for (const dir of ancestors(path)) setOpen(dir, true);
    link.setAttribute('aria-current', 'page');
    title.textContent = path;
    replace(body, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const text = await api.fileText(projectId, path, version);
      if (mine !== ticket) return; // another file was chosen meanwhile
      const parts = [codeView(path, text)];
      if (version > 1) {
        const compare = h('button', { type: 'button', class: 'secondary small' }, `Changes since v${version - 1}`);
        const place = h('div', {});
        compare.addEventListener('click', async () => {
          compare.disabled = true;
          try {
            const before = await api.fileText(projectId, path, version - 1).catch((err) => {
              if (err.status === 404) return ''; // a file the fix added
              throw err;
            });
            replace(place, diffView(path, before, text, { from: version - 1, to: version }));
          } catch (err) {
            replace(place, errorBox(err, { title: `Could not compare ${path}.` }));
          } finally {
            compare.disabled = false;
          }
        });
        parts.push(h('div', { class: 'actions' }, compare), place);
      }
      replace(body, parts);
    } catch (err) {
      if (mine === ticket) replace(body, errorBox(err, { title: `Could not open ${path}.` }));
    }
  }

  const el = h('div', { class: 'browser' }, nav, viewer);
  // The address says which file is open; follow it while this browser is on the page.
  const follow = () => {
    const { route } = getState();
    // Another version's browser may be replacing this one: only the shown version follows.
    const wanted = Number(route.params.version || latest);
    if (route.name === 'project' && route.params.id === String(projectId) && wanted === Number(version || latest)) {
      show(route.params.file || null);
    }
  };
  const unsubscribe = subscribe((state, keys) => {
    if (!el.isConnected) unsubscribe(); // the page has moved on
    else if (keys.includes('route')) follow();
  });
  queueMicrotask(follow);
  return el;
}
