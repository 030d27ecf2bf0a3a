// A verification report arranged for reading: the tests grouped by area (auth, each entity,
// each action, the health and probe checks, the project's own pytest), the groups with
// failures first and, inside a group, failures first; and the reason in words when the app
// never started.

const BAD = new Set(['fail', 'error']);

export function isBad(test) {
  return BAD.has(test && test.verdict);
}

// {kind, label, order} of a group name as the suite writes it ("entity:Task", "auth"...).
export function groupInfo(group) {
  const g = String(group || '');
  const colon = g.indexOf(':');
  const kind = colon < 0 ? g : g.slice(0, colon);
  const name = colon < 0 ? '' : g.slice(colon + 1);
  switch (kind) {
    case 'auth': return { kind, label: 'Authentication', order: 0 };
    case 'entity': return { kind, label: `Entity ${name}`, order: 1 };
    case 'action': return { kind, label: `Action ${name}`, order: 2 };
    case 'health': return { kind, label: 'Health', order: 3 };
    case 'probe': return { kind, label: name ? `Probe ${name}` : 'Probes', order: 4 };
    case 'pytest': return { kind, label: "The project's own pytest", order: 5 };
    case '': return { kind: 'other', label: 'Other checks', order: 6 };
    default: return { kind, label: g, order: 6 };
  }
}

const PYTEST_VERDICT = { passed: 'pass', failed: 'fail', error: 'error', skipped: 'skip' };

// pytest's short summary lines ("FAILED tests/test_x.py::test_y - AssertionError: ...").
export function pytestFailures(outputTail) {
  const found = [];
  for (const line of String(outputTail || '').split('\n')) {
    const m = /^(FAILED|ERROR) (\S+)(?: - (.*))?$/.exec(line.trim());
    if (m) found.push({ verdict: m[1] === 'FAILED' ? 'fail' : 'error', name: m[2], message: m[3] || '' });
  }
  return found;
}

// The runner reports the project's pytest as one run with its output: one row for the run,
// and one per test that pytest's summary names as failed.
function pytestTests(pytest) {
  if (!pytest || typeof pytest !== 'object' || !pytest.status) return [];
  const verdict = PYTEST_VERDICT[pytest.status] || 'error';
  const rows = [{
    name: `pytest run${pytest.summary ? `: ${pytest.summary}` : ''}`,
    group: 'pytest',
    verdict,
    duration_ms: pytest.duration_ms,
    expected: { exit_code: 0 },
    actual: { exit_code: pytest.exit_code, process: pytest.verdict },
    output_tail: pytest.output_tail,
  }];
  for (const f of pytestFailures(pytest.output_tail)) {
    rows.push({ name: f.name, group: 'pytest', verdict: f.verdict, actual: f.message || null,
      output_tail: pytest.output_tail });
  }
  return rows;
}

// [{group, label, kind, tests, failed, passed, skipped}] in reading order.
export function groupTests(verification) {
  const v = verification || {};
  const tests = [...(Array.isArray(v.tests) ? v.tests : []), ...pytestTests(v.pytest)];
  const byGroup = new Map();
  tests.forEach((t, index) => {
    const group = String(t.group || '');
    if (!byGroup.has(group)) byGroup.set(group, { group, ...groupInfo(group), tests: [], first: index });
    byGroup.get(group).tests.push({ ...t, index });
  });
  const groups = [...byGroup.values()].map((g) => {
    const failed = g.tests.filter(isBad).length;
    const skipped = g.tests.filter((t) => t.verdict === 'skip').length;
    const sorted = [...g.tests].sort((a, b) => (isBad(b) - isBad(a)) || (a.index - b.index));
    return { group: g.group, kind: g.kind, label: g.label, order: g.order, first: g.first,
      tests: sorted, failed, skipped, passed: g.tests.length - failed - skipped };
  });
  groups.sort((a, b) => ((b.failed > 0) - (a.failed > 0)) || (a.order - b.order) || (a.first - b.first));
  return groups;
}

// The reason a verification could not check anything, in words, or ''.
export function reasonText(v) {
  if (!v) return '';
  const reason = String(v.reason || '').trim();
  if (!reason) return '';
  const r = reason.toLowerCase();
  let gist = '';
  if (r.includes('modulenotfounderror') || r.includes('importerror')) gist = 'The app failed to import a module.';
  else if (r.includes('syntaxerror')) gist = 'The app has a Python syntax error.';
  else if (r.includes('did not appear') || r.includes('never answered') || r.includes('timed out')) gist = 'The app did not start in time.';
  else if (r.includes('sigsys') || r.includes('seccomp')) gist = 'The app made a forbidden system call and was stopped.';
  else if (r.includes('sigxcpu') || r.includes('cpu time')) gist = 'The app used up its CPU time limit.';
  else if (r.includes('wall-clock')) gist = 'The app ran past its time limit.';
  else if (r.includes('output flood')) gist = 'The app wrote too much output and was stopped.';
  else if (r.includes('never came up')) gist = 'The app never started.';
  return gist ? `${gist} ${reason}` : reason;
}

// Method, path and body of a test's request, for display.
export function requestLine(req) {
  if (!req || typeof req !== 'object') return '';
  return [req.method, req.path].filter(Boolean).join(' ');
}

export function requestBody(req) {
  if (!req || typeof req !== 'object') return null;
  if (req.json !== undefined) return req.json;
  if (req.form !== undefined) return req.form;
  if (req.raw_body !== undefined) return req.raw_body;
  if (req.body !== undefined) return req.body;
  return null;
}
