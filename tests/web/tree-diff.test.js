// Unit test of the code browser's tree and language choice (web/js/lib/tree.js), the line
// diff (diff.js) and the highlight.js output reader (hl-lines.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTree, ancestors, fileCount, languageOf } from '../../web/js/lib/tree.js';
import { lineDiff, hunks, diffStats } from '../../web/js/lib/diff.js';
import { htmlToLines, textToLines } from '../../web/js/lib/hl-lines.js';

test('the tree: folders first, sorted, nested as the generated layout', () => {
  const tree = buildTree([
    { path: 'README.md', size: 1 }, { path: 'app/main.py', size: 2 }, { path: 'app/routers/tasks.py', size: 3 },
    { path: 'app/routers/auth.py', size: 4 }, { path: 'tests/test_tasks.py', size: 5 }, { path: 'Dockerfile', size: 6 },
    { path: '', size: 0 }, null,
  ]);
  assert.deepEqual(tree.dirs.map((d) => d.name), ['app', 'tests']);
  assert.deepEqual(tree.files.map((f) => f.name), ['Dockerfile', 'README.md']);
  const app = tree.dirs[0];
  assert.equal(app.path, 'app');
  assert.deepEqual(app.dirs[0].files.map((f) => f.path), ['app/routers/auth.py', 'app/routers/tasks.py']);
  assert.equal(fileCount(tree), 6);
  assert.deepEqual(ancestors('app/routers/tasks.py'), ['app', 'app/routers']);
  assert.deepEqual(ancestors('README.md'), []);
});

test('languages of the generated files', () => {
  assert.equal(languageOf('app/main.py'), 'python');
  assert.equal(languageOf('docker-compose.yml'), 'yaml');
  assert.equal(languageOf('Dockerfile'), 'dockerfile');
  assert.equal(languageOf('.env.example'), 'ini');
  assert.equal(languageOf('verify/suite.json'), 'json');
  assert.equal(languageOf('README.md'), 'markdown');
  assert.equal(languageOf('LICENSE'), null);
});

test('line diff: one changed line in a long file', () => {
  const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const after = before.replace('line 10\n', 'line ten\n');
  const d = lineDiff(before, after);
  assert.deepEqual(diffStats(d), { added: 1, removed: 1 });
  const changed = d.filter((x) => x.op !== 'same');
  assert.deepEqual(changed, [{ op: 'del', text: 'line 10', a: 10, b: null }, { op: 'add', text: 'line ten', a: null, b: 10 }]);
  const hs = hunks(d, 2);
  assert.equal(hs.length, 1);
  assert.deepEqual(hs[0].map((x) => x.a ?? x.b), [8, 9, 10, 10, 11, 12]);
});

test('line diff: insertions, deletions, empty sides, identical texts', () => {
  assert.deepEqual(lineDiff('a\nb\nc', 'a\nx\nb\nc').map((x) => x.op), ['same', 'add', 'same', 'same']);
  assert.deepEqual(lineDiff('a\nb\nc', 'a\nc').map((x) => x.op), ['same', 'del', 'same']);
  assert.deepEqual(lineDiff('', 'a\nb').map((x) => `${x.op}:${x.b}`), ['add:1', 'add:2']);
  assert.deepEqual(lineDiff('a', '').map((x) => x.op), ['del']);
  assert.deepEqual(hunks(lineDiff('a\nb', 'a\nb')), []);
});

test('highlight.js output into lines, spans carried across newlines, entities decoded', () => {
  const html = '<span class="hljs-keyword">def</span> <span class="hljs-title function_">f</span>():\n    <span class="hljs-string">&quot;&lt;a\nb&gt;&amp;&#x27;&quot;</span>\n';
  const lines = htmlToLines(html);
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[0], [{ text: 'def', cls: 'hljs-keyword' }, { text: ' ', cls: '' }, { text: 'f', cls: 'hljs-title function_' }, { text: '():', cls: '' }]);
  assert.deepEqual(lines[1], [{ text: '    ', cls: '' }, { text: '"<a', cls: 'hljs-string' }]);
  assert.deepEqual(lines[2], [{ text: "b>&'\"", cls: 'hljs-string' }]);
});

test('anything but spans and text is refused', () => {
  assert.throws(() => htmlToLines('<img src=x onerror=alert(1)>'), /unexpected markup/);
  assert.throws(() => htmlToLines('<span class="a">x'), /unclosed/);
  assert.throws(() => htmlToLines('x</span>'), /unbalanced/);
  assert.throws(() => htmlToLines('<span class="a" onclick="x">y</span>'), /unexpected markup/);
  assert.deepEqual(textToLines('a\n\nb\n'), [[{ text: 'a', cls: '' }], [], [{ text: 'b', cls: '' }]]);
});
