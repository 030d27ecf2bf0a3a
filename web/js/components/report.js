// One verification's report: who ran it (ours or an external one, marked), the summary,
// the reason in words when the app never started, then the tests grouped by area with
// failures first (a group that passed whole starts closed); every test opens (a native <details>) to its request, what was expected
// and what came back, and a failed one also to the app's log tail.
import { h, formatDate, lazyDetails } from '../dom.js';
import { groupTests, reasonText, requestLine, requestBody, isBad } from '../lib/report.js';
import { summaryText, stageText } from '../lib/status.js';

const VERDICT = { pass: 'passed', fail: 'failed', error: 'error', skip: 'skipped' };

function pretty(value) {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function block(label, value) {
  const text = pretty(value);
  return text ? [h('dt', {}, label), h('dd', {}, h('pre', { class: 'code small-code', tabindex: '0' }, text))] : null;
}

function testBody(t, v) {
  const req = t.request || null;
  return h('dl', { class: 'test-body' },
    req ? [h('dt', {}, 'Request'), h('dd', {}, h('code', {}, requestLine(req)))] : null,
    block('Body sent', requestBody(req)),
    block('Expected', t.expected),
    block('Got', t.actual),
    block('Message', t.message),
    isBad(t) && (t.output_tail || v.log_tail)
      ? block(t.output_tail ? "pytest's output (last lines)" : "The app's log (last lines)", t.output_tail || v.log_tail)
      : null);
}

// A test is a line until opened; its request, expectations and logs are built then.
function testItem(t, v) {
  return h('li', {}, lazyDetails({ class: `test verdict-${t.verdict}`, open: false },
    h('summary', {},
      h('span', { class: `verdict verdict-${t.verdict}` }, VERDICT[t.verdict] || t.verdict),
      ' ', h('span', { class: 'test-name' }, t.name),
      Number.isFinite(t.duration_ms) ? h('span', { class: 'muted small' }, ` ${t.duration_ms} ms`) : null),
    () => testBody(t, v)));
}

export function reportView(v, { label } = {}) {
  const external = v.source === 'external';
  const groups = groupTests(v);
  const reason = reasonText(v);
  const summary = summaryText(v.summary);
  const moving = v.status === 'queued' || v.status === 'running';
  return h('article', { class: `report${external ? ' external' : ''}`, 'aria-label': label || `Verification ${v.id}` },
    h('div', { class: 'row' },
      h('h4', {}, external ? 'External report' : `Attempt ${v.attempt ?? 1}`, ` · v${v.version}`),
      external ? h('span', { class: 'badge external-mark' }, 'external: sent by the owner, not run here') : null,
      h('span', { class: `badge vstatus-${v.status}` }, v.status)),
    h('p', { class: 'muted small' },
      [summary, moving ? stageText(v) : '', v.finished_at ? `finished ${formatDate(v.finished_at)}` : '',
        v.timings && v.timings.total_ms ? `${(v.timings.total_ms / 1000).toFixed(1)} s` : ''].filter(Boolean).join(' · ')),
    reason && v.status !== 'passed' ? h('p', { class: 'reason' }, reason) : null,
    groups.length
      ? groups.map((g) => h('section', { class: 'test-group', 'aria-label': g.label },
        // A group with failures is open; one that passed whole is a line until opened.
        lazyDetails({ class: 'group', open: g.failed > 0 },
          h('summary', {}, h('h5', {}, g.label, h('span', { class: 'muted small' },
            ` ${g.passed} passed${g.failed ? `, ${g.failed} failed` : ''}${g.skipped ? `, ${g.skipped} skipped` : ''}`))),
          () => h('ul', { class: 'tests' }, g.tests.map((t) => testItem(t, v))))))
      : h('p', { class: 'muted' }, moving ? 'No results yet.' : 'No tests ran.'),
    !external && v.log_tail && v.status !== 'passed'
      ? h('details', { class: 'log' }, h('summary', {}, "The app's log (last lines)"),
        h('pre', { class: 'code small-code', tabindex: '0' }, v.log_tail))
      : null);
}
