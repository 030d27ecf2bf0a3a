// One project: its status (kept current while it verifies, announced politely), the
// verification report per version with the timeline of the fix loop, the endpoints and
// their verified state, the versions (each downloadable), the spec, and the code browser of
// a chosen version. Re-verify, fix (when the server would start a round) and delete (after
// a confirmation) act on it.
import { h, replace, formatDate, formatBytes } from '../dom.js';
import { api } from '../api.js';
import { say, getState } from '../store.js';
import { errorBox } from '../components/error-box.js';
import { downloadButton } from '../components/download.js';
import { specSummary } from '../components/spec-summary.js';
import { warningsList, notesList } from '../components/plan-details.js';
import { versionFiles } from '../components/version-files.js';
import { statusBadge, verificationLine } from '../components/status-badge.js';
import { reportView } from '../components/report.js';
import { timeline } from '../components/timeline.js';
import { endpointsTable } from '../components/endpoints.js';
import { watchProject, projectSettled } from '../components/live-project.js';
import { deleteProject } from './projects.js';
import { isMoving, statusWord, summaryText, stageText } from '../lib/status.js';
import { fixOffer, describeFixError } from '../lib/fixloop.js';

// The newest runner verification of each version.
function byVersion(verifications) {
  const out = new Map();
  for (const v of verifications) {
    if (v.source === 'external') continue;
    if (!out.has(v.version)) out.set(v.version, v); // the list is newest first
  }
  return out;
}

function versionsTable(p, verifications) {
  const versions = Array.isArray(p.versions) ? p.versions : [];
  const newest = byVersion(verifications);
  return h('section', { 'aria-labelledby': 'versions-title' },
    h('h3', { id: 'versions-title' }, 'Versions'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Verified'), h('th', { scope: 'col' }, 'Origin'),
        h('th', { scope: 'col' }, 'Planner'), h('th', { scope: 'col' }, 'Size'),
        h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, 'sha256'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Download')))),
      h('tbody', {}, versions.map((v) => h('tr', {},
        h('th', { scope: 'row' }, `v${v.version}`),
        h('td', {}, newest.has(v.version) ? verificationLine(newest.get(v.version)) : h('span', { class: 'muted small' }, '—')),
        h('td', {}, v.origin || ''),
        h('td', {}, [v.planner, v.model && v.model !== v.planner ? v.model : null].filter(Boolean).join(' / ')),
        h('td', {}, formatBytes(v.size)),
        h('td', {}, h('time', { datetime: v.created_at }, formatDate(v.created_at))),
        h('td', {}, h('code', { title: v.sha256 }, String(v.sha256 || '').slice(0, 12))),
        h('td', {}, v.download_url
          ? downloadButton(v.download_url, { label: 'Download', name: `Download version ${v.version} ZIP`, small: true })
          : null)))))));
}

// The verification card: a version chooser when there are several, that version's newest
// runner report and any external reports beside it, then the timeline.
function verificationCard(p, verifications) {
  const versions = [...new Set(verifications.map((v) => v.version))].sort((a, b) => b - a);
  const place = h('div', {});
  const show = (version) => {
    const ours = verifications.find((v) => v.version === version && v.source !== 'external');
    const external = verifications.filter((v) => v.version === version && v.source === 'external');
    replace(place,
      ours ? reportView(ours, { label: `Report of v${version}` }) : h('p', { class: 'muted' }, `No verification of v${version} by this server yet.`),
      external.map((v) => reportView(v, { label: `External report ${v.id} of v${version}` })));
  };
  let chooser = null;
  if (versions.length > 1) {
    chooser = h('select', { 'aria-label': 'Version of the report' },
      versions.map((n) => h('option', { value: String(n) }, `v${n}`)));
    chooser.addEventListener('change', () => show(Number(chooser.value)));
  }
  if (versions.length) show(versions.includes(p.latest_version) ? p.latest_version : versions[0]);
  else replace(place, h('p', { class: 'muted' }, 'Not verified yet.'));
  return h('section', { class: 'card', 'aria-labelledby': 'report-title' },
    h('div', { class: 'row' }, h('h3', { id: 'report-title' }, 'Verification report'), chooser),
    place, timeline(p));
}

function latestReport(p, verifications) {
  return verifications.find((v) => v.source !== 'external' && v.version === p.latest_version
    && (v.status === 'passed' || v.status === 'failed')) || null;
}

function page(p, verifications, el) {
  const label = p.title || p.name;
  const problems = h('div', {});
  const statusLine = h('p', { class: 'status-line', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const stageLine = h('p', { class: 'muted small stage' });
  const reportPlace = h('div', {});
  const endpointsPlace = h('div', {});
  const versionsPlace = h('div', {});
  const reverify = h('button', { type: 'button', class: 'secondary' }, 'Re-verify');
  const fix = h('button', { type: 'button', hidden: true }, 'Fix with the LLM');
  const fixWhy = h('p', { class: 'muted small fix-why' });
  const del = h('button', { type: 'button', class: 'danger' }, 'Delete project');
  let current = p;
  let watcher = null;

  function renderStatus(q) {
    const v = q.latest_verification;
    replace(statusLine, 'Status: ', statusBadge(q.status),
      v && v.summary && !isMoving(q.status) ? ` ${summaryText(v.summary)}` : '',
      v && v.reason && (q.status === 'failed' || q.status === 'error') ? h('span', { class: 'muted small' }, ` · ${v.reason}`) : '');
    replace(stageLine, isMoving(q.status) && v ? `Now: ${stageText(v)}.` : '');
    reverify.disabled = isMoving(q.status);
    reverify.title = isMoving(q.status) ? 'A verification is already under way' : '';
    const offer = fixOffer(q);
    fix.hidden = !offer.show || isMoving(q.status);
    fix.textContent = offer.label || 'Fix with the LLM';
    replace(fixWhy, isMoving(q.status) ? '' : offer.why);
  }

  function renderDynamic(list) {
    replace(reportPlace, verificationCard(current, list));
    replace(endpointsPlace, h('section', { class: 'card', 'aria-labelledby': 'endpoints-title' },
      h('h3', { id: 'endpoints-title' }, 'Endpoints'),
      endpointsTable(current.spec, latestReport(current, list))));
    replace(versionsPlace, h('section', { class: 'card' }, versionsTable(current, list)));
  }

  async function refresh(q) {
    const before = current.latest_version;
    current = { ...current, ...q };
    let list = null;
    try {
      list = (await api.verifications(q.id)).items || [];
    } catch (err) {
      replace(problems, errorBox(err, { title: 'The verification report could not be loaded.' }));
    }
    if (list && q.latest_version !== before) { // a new version (a fix): the whole page is new
      if (watcher) watcher.stop();
      replace(el, page(q, list, el));
      return;
    }
    // The badge and the report change together, so what the badge says is on the page.
    renderStatus(current);
    if (list) renderDynamic(list);
    if (projectSettled(q)) {
      const v = q.latest_verification;
      say(`${label}: ${statusWord(q.status)}${v && v.summary ? ` (${summaryText(v.summary)})` : ''}.`);
    }
  }

  function watch() {
    if (watcher && !watcher.stopped) return;
    watcher = watchProject(current.id, current, el, {
      onChange: refresh,
      onAnswer: (q) => { if (isMoving(q.status)) renderStatus({ ...current, ...q }); },
      onError: (err) => replace(problems, errorBox(err, { title: 'Could not check the status.' })),
    });
  }

  reverify.addEventListener('click', async () => {
    reverify.disabled = true;
    replace(problems);
    try {
      const answer = await api.verify(current.id);
      say(answer.already_queued ? 'A verification is already queued.' : `Verification of v${answer.version} queued.`);
      await refresh(await api.project(current.id));
      watch();
    } catch (err) {
      replace(problems, errorBox(err, { title: 'Could not queue a verification.' }));
      reverify.disabled = false;
    }
  });
  fix.addEventListener('click', async () => {
    fix.disabled = true;
    replace(problems);
    say('Asking the LLM for a fix; this can take a minute…');
    try {
      const answer = await api.fix(current.id);
      const n = (answer.files || []).length;
      say(`Fix stored as v${answer.version} (${n} file${n === 1 ? '' : 's'} changed); verifying it.`);
      await refresh(await api.project(current.id));
      watch();
    } catch (err) {
      say('The fix did not go through.');
      replace(problems, errorBox(err, { title: 'Could not fix the project.', special: describeFixError }));
      try { await refresh(await api.project(current.id)); } catch { /* the box says enough */ }
    } finally {
      fix.disabled = false;
    }
  });
  del.addEventListener('click', async () => {
    del.disabled = true;
    try {
      if (await deleteProject(current)) {
        // A new screen clears the status line; the news of the deletion goes along.
        const { text } = getState().message;
        window.addEventListener('hashchange', () => say(text), { once: true });
        window.location.hash = '#/projects';
      }
    } catch (err) {
      replace(problems, errorBox(err, { title: `Could not delete ${label}.` }));
    } finally {
      del.disabled = false;
    }
  });

  renderStatus(p);
  renderDynamic(verifications);
  queueMicrotask(watch);
  return [
    h('section', { class: 'card', 'aria-labelledby': 'project-title' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/projects' }, '← All projects')),
      h('div', { class: 'row' }, h('h2', { id: 'project-title' }, label)),
      statusLine, stageLine,
      h('dl', { class: 'pairs' },
        h('dt', {}, 'Name'), h('dd', {}, h('code', {}, p.name)),
        h('dt', {}, 'Created'), h('dd', {}, formatDate(p.created_at)),
        h('dt', {}, 'Updated'), h('dd', {}, formatDate(p.updated_at)),
        p.prompt ? [h('dt', {}, 'Prompt'), h('dd', {}, p.prompt)] : null),
      h('div', { class: 'actions' },
        p.download_url ? downloadButton(p.download_url, { label: 'Download ZIP', name: 'Download ZIP' }) : null,
        reverify, fix, del),
      fixWhy,
      problems),
    reportPlace,
    endpointsPlace,
    versionsPlace,
    h('section', { class: 'card', 'aria-labelledby': 'spec-title' },
      h('h3', { id: 'spec-title' }, 'Spec'),
      specSummary(p.spec),
      warningsList(p.review && p.review.warnings),
      notesList(p.notes)),
    h('section', { class: 'card', 'aria-labelledby': 'files-title' },
      h('h3', { id: 'files-title' }, 'Files'),
      versionFiles(p)),
  ];
}

export function projectView({ id }) {
  const el = h('div', { class: 'view' }, h('p', { class: 'muted' }, 'Loading the project…'));
  Promise.all([api.project(id), api.verifications(id)])
    .then(([p, list]) => replace(el, page(p, (list && list.items) || [], el)))
    .catch((err) => replace(el, h('section', { class: 'card' },
      errorBox(err, { title: err.status === 404 ? 'There is no such project (it may have been deleted).' : undefined }),
      h('p', {}, h('a', { href: '#/projects' }, 'Back to the projects')))));
  return el;
}
