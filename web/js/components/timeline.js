// The verification history of a project as a timeline, oldest first (lib/fixloop.js): each
// version's attempt with its outcome, and between them each fix the LLM made (summary,
// model, tokens, cost, the files it changed); each changed file opens as a diff against the
// version before, computed here from the two versions' files.
import { h, replace, formatBytes } from '../dom.js';
import { api } from '../api.js';
import { timelineEntries, attemptText, tokensText, formatCost } from '../lib/fixloop.js';
import { diffView } from './diff-view.js';
import { errorBox } from './error-box.js';

// A version's file, or '' when it has none (a file the fix added).
async function textOr404(projectId, path, version) {
  try {
    return await api.fileText(projectId, path, version);
  } catch (err) {
    if (err.status === 404) return '';
    throw err;
  }
}

function changedFile(projectId, entry, file) {
  const place = h('div', { class: 'timeline-diff' });
  const button = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false',
    'aria-label': `Changes to ${file.path} from v${entry.from} to v${entry.to}` },
  file.path);
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-expanded') === 'true') {
      button.setAttribute('aria-expanded', 'false');
      replace(place);
      return;
    }
    button.disabled = true;
    replace(place, h('p', { class: 'muted small' }, 'Loading both versions…'));
    try {
      const [before, after] = await Promise.all([
        file.change === 'added' ? '' : textOr404(projectId, file.path, entry.from),
        api.fileText(projectId, file.path, entry.to)]);
      replace(place, diffView(file.path, before, after, { from: entry.from, to: entry.to }));
      button.setAttribute('aria-expanded', 'true');
    } catch (err) {
      replace(place, errorBox(err, { title: `Could not compare ${file.path}.` }));
    } finally {
      button.disabled = false;
    }
  });
  return h('li', {}, button,
    h('span', { class: 'muted small' }, ` ${file.change}${file.size !== null ? `, ${formatBytes(file.size)}` : ''}`),
    place);
}

function fixItem(projectId, e) {
  if (e.pending) {
    return h('li', { class: 'tl-fix', dataset: { kind: 'fix', pending: 'yes' } },
      h('strong', {}, 'Fix'), ` · v${e.from} → v${e.to} · `, h('span', { class: 'badge vstatus-running' }, 'fixing'),
      h('span', { class: 'muted small' }, ' the LLM is patching the failing code'));
  }
  const cost = [tokensText(e), formatCost(e.costUsd) ? `cost ${formatCost(e.costUsd)}` : '',
    e.latencyMs ? `${(e.latencyMs / 1000).toFixed(1)} s` : ''].filter(Boolean).join(' · ');
  return h('li', { class: 'tl-fix', dataset: { kind: 'fix' } },
    h('strong', {}, 'Fix'), ` · v${e.from} → v${e.to}`,
    ` · ${e.files.length} file${e.files.length === 1 ? '' : 's'} changed`,
    e.model ? [' · ', h('code', {}, e.model)] : null,
    e.summary ? h('p', { class: 'tl-summary' }, e.summary) : null,
    cost ? h('p', { class: 'muted small' }, cost) : null,
    e.files.length ? h('ul', { class: 'tl-files', 'aria-label': `Files changed by the fix to v${e.to}` },
      e.files.map((f) => changedFile(projectId, e, f))) : null);
}

function attemptItem(e) {
  return h('li', { class: 'tl-attempt', dataset: { kind: 'attempt', status: e.status } },
    h('strong', {}, `Attempt ${e.attempt}`), ` · v${e.version} · `,
    h('span', { class: `badge vstatus-${e.status}` }, attemptText(e)));
}

export function timeline(project) {
  const entries = timelineEntries(project);
  return h('section', { class: 'timeline', 'aria-label': 'Verification timeline' },
    h('h4', {}, 'Timeline'),
    entries.length
      ? h('ol', { class: 'steps' }, entries.map((e) => (e.kind === 'fix' ? fixItem(project.id, e) : attemptItem(e))))
      : h('p', { class: 'muted' }, 'No verification yet.'));
}
