// Line diff of two texts (a file before and after a fix): the longest common subsequence
// of lines, as [{op: 'same' | 'del' | 'add', text, a, b}] with 1-based line numbers, and
// hunks that keep `context` unchanged lines around each change. Inputs are capped: past
// MAX_CELLS the diff is "replace everything", which is still correct, only coarse.

const MAX_CELLS = 4_000_000;

function lines(text) {
  const s = String(text ?? '');
  if (s === '') return [];
  const out = s.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

export function lineDiff(before, after) {
  const a = lines(before);
  const b = lines(after);
  // Common prefix and suffix first: fixes usually touch a few lines of a long file.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA -= 1; endB -= 1; }
  const out = [];
  for (let i = 0; i < start; i += 1) out.push({ op: 'same', text: a[i], a: i + 1, b: i + 1 });
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) {
    for (let i = start; i < endA; i += 1) out.push({ op: 'del', text: a[i], a: i + 1, b: null });
    for (let j = start; j < endB; j += 1) out.push({ op: 'add', text: b[j], a: null, b: j + 1 });
  } else {
    // lcs[i][j]: LCS length of a[start+i..endA) and b[start+j..endB).
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        lcs[i][j] = a[start + i] === b[start + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        out.push({ op: 'same', text: a[start + i], a: start + i + 1, b: start + j + 1 });
        i += 1; j += 1;
      } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // Deletions before insertions, as diff(1) shows a changed line.
        out.push({ op: 'del', text: a[start + i], a: start + i + 1, b: null });
        i += 1;
      } else {
        out.push({ op: 'add', text: b[start + j], a: null, b: start + j + 1 });
        j += 1;
      }
    }
  }
  for (let k = 0; k < a.length - endA; k += 1) {
    out.push({ op: 'same', text: a[endA + k], a: endA + k + 1, b: endB + k + 1 });
  }
  return out;
}

// Groups of diff rows around the changes; [] when nothing changed.
export function hunks(diff, context = 3) {
  const keep = new Array(diff.length).fill(false);
  diff.forEach((d, i) => {
    if (d.op === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(diff.length - 1, i + context); k += 1) keep[k] = true;
  });
  const out = [];
  let current = null;
  diff.forEach((d, i) => {
    if (!keep[i]) { current = null; return; }
    if (!current) { current = []; out.push(current); }
    current.push(d);
  });
  return out;
}

export function diffStats(diff) {
  return { added: diff.filter((d) => d.op === 'add').length, removed: diff.filter((d) => d.op === 'del').length };
}

const SIGN = { same: ' ', add: '+', del: '-' };
const SPOKEN = { same: '', add: 'added: ', del: 'removed: ' };

// The unified-diff header of a hunk: "@@ -8,6 +8,6 @@". A side with no lines in the hunk
// is a file that was empty (added) or became empty (deleted), since hunks keep context:
// it starts at 0, as diff(1) writes it.
function hunkHeader(rows) {
  const olds = rows.filter((r) => r.a !== null);
  const news = rows.filter((r) => r.b !== null);
  return `@@ -${olds.length ? olds[0].a : 0},${olds.length} +${news.length ? news[0].b : 0},${news.length} @@`;
}

// What diff-view.js draws, as data: the counts and the hunks, each row with both line
// numbers, its sign and the words a screen reader says before it.
export function diffModel(before, after, context = 3) {
  const d = lineDiff(before, after);
  return {
    ...diffStats(d),
    hunks: hunks(d, context).map((rows) => ({
      header: hunkHeader(rows),
      rows: rows.map((r) => ({ ...r, sign: SIGN[r.op], spoken: SPOKEN[r.op] })),
    })),
  };
}
