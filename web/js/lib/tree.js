// The code browser's folder tree from a flat file list ([{path, size}]): folders first,
// then files, each level sorted by name; and the folders on the way to a file (opened so
// that a linked file is visible).

export function buildTree(files) {
  const root = { name: '', path: '', dirs: new Map(), files: [] };
  for (const f of Array.isArray(files) ? files : []) {
    if (!f || typeof f.path !== 'string' || !f.path) continue;
    const parts = f.path.split('/').filter(Boolean);
    let node = root;
    for (let i = 0; i < parts.length - 1; i += 1) {
      const path = parts.slice(0, i + 1).join('/');
      if (!node.dirs.has(parts[i])) node.dirs.set(parts[i], { name: parts[i], path, dirs: new Map(), files: [] });
      node = node.dirs.get(parts[i]);
    }
    node.files.push({ name: parts[parts.length - 1], path: f.path, size: f.size });
  }
  return finish(root);
}

function finish(node) {
  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    name: node.name,
    path: node.path,
    dirs: [...node.dirs.values()].map(finish).sort(byName),
    files: [...node.files].sort(byName),
  };
}

// "app/routers/tasks.py" -> ["app", "app/routers"].
export function ancestors(path) {
  const parts = String(path || '').split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

// Counts the files under a folder node.
export function fileCount(node) {
  return node.files.length + node.dirs.reduce((n, d) => n + fileCount(d), 0);
}

// The highlight.js language of a generated project's file, or null (plain text).
export function languageOf(path) {
  const p = String(path || '').toLowerCase();
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (base === 'dockerfile' || base.endsWith('.dockerfile')) return 'dockerfile';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'ini';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  return {
    py: 'python', yml: 'yaml', yaml: 'yaml', md: 'markdown', json: 'json', ini: 'ini',
    cfg: 'ini', toml: 'ini', conf: 'ini', sh: 'bash', sql: 'sql', txt: 'plaintext',
  }[ext] || null;
}
