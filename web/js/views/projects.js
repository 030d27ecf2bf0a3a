// "Projects": the user's projects, newest first, a page at a time, each with its status
// badge and last verification ("12/12 passed · 3 min ago"), creation date, a download and
// a delete (after a confirmation). While any project on the page is still moving, the page
// is polled with backoff (one request for all of them) until all have settled.
import { h, replace, formatDate } from '../dom.js';
import { api } from '../api.js';
import { say } from '../store.js';
import { errorBox } from '../components/error-box.js';
import { downloadButton } from '../components/download.js';
import { confirmDialog } from '../components/confirm.js';
import { statusBadge, verificationLine } from '../components/status-badge.js';
import { createPoller, browserEnv } from '../lib/poller.js';
import { isMoving, statusWord, followFailures } from '../lib/status.js';
import { projectKey } from '../components/live-project.js';

const PAGE = 10;
// How long the list keeps looking after it saw a project fail: the runner starts its
// automatic fix round (failed -> fixing) within a second or two when an LLM is configured.
const FOLLOW_FAILURE_MS = 30_000;

export async function deleteProject(project) {
  const label = project.title || project.name;
  const ok = await confirmDialog({
    title: `Delete ${label}?`,
    message: 'The project and all its versions are deleted for good.',
    confirm: 'Delete project',
  });
  if (!ok) return false;
  await api.deleteProject(project.id);
  say(`Deleted ${label}.`);
  return true;
}

function row(p, reload, problems) {
  const label = p.title || p.name;
  const del = h('button', { type: 'button', class: 'danger small', 'aria-label': `Delete ${p.name}` }, 'Delete');
  del.addEventListener('click', async () => {
    del.disabled = true;
    try {
      if (await deleteProject(p)) await reload();
    } catch (err) {
      replace(problems, errorBox(err, { title: `Could not delete ${label}.` }));
    } finally {
      del.disabled = false;
    }
  });
  return h('tr', {},
    h('th', { scope: 'row' },
      h('a', { href: `#/projects/${encodeURIComponent(p.id)}` }, label),
      h('div', { class: 'muted small' }, p.name)),
    h('td', { class: 'status-cell' }, statusBadge(p.status), h('br'), verificationLine(p.latest_verification)),
    h('td', { class: 'optional' }, `v${p.latest_version}`),
    h('td', { class: 'optional' }, h('time', { datetime: p.created_at }, formatDate(p.created_at))),
    h('td', { class: 'row-actions' },
      p.download_url ? downloadButton(p.download_url, {
        label: 'Download', name: `Download ${p.name}`, small: true,
        onError: (err) => replace(problems, errorBox(err, { title: 'The download failed.' })),
      }) : null,
      del));
}

export function projectsView({ page = 1 } = {}) {
  const offset = Math.max(0, Math.floor(Number(page) || 1) - 1) * PAGE;
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading projects…'));
  // Status changes seen by polling are announced here, one sentence each, not the table.
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const statuses = new Map();
  const problems = h('div', {});
  const el = h('section', { class: 'card', 'aria-labelledby': 'projects-title' },
    h('div', { class: 'row' }, h('h2', { id: 'projects-title' }, 'Projects'),
      h('a', { class: 'button', href: '#/new' }, 'New backend')),
    problems, live, body);

  let poller = null;
  const failures = followFailures(FOLLOW_FAILURE_MS);
  const moving = (answer) => (answer.items || []).some((p) => isMoving(p.status));
  const settled = (answer) => {
    failures.observe(answer.items, Date.now());
    return !moving(answer) && !failures.following(Date.now());
  };
  const watch = (answer) => {
    if (poller && !poller.stopped) return;
    poller = createPoller({
      load: () => api.projects(PAGE, offset),
      settled,
      key: (a) => (a.items || []).map(projectKey).join(','),
      alive: () => el.isConnected,
      env: browserEnv(),
      onAnswer: (a) => show(a),
      onError: (err) => err.status !== 401,
    });
    poller.start(answer);
  };

  async function load() {
    try {
      const answer = await api.projects(PAGE, offset);
      if (show(answer)) watch(answer);
    } catch (err) {
      replace(body, errorBox(err, { title: 'The projects could not be loaded.' }));
    }
    return undefined;
  }

  let shownKey = null;
  // Renders one answer; true when it is a page of projects (worth watching).
  function show(answer) {
    const items = answer.items || [];
    if (!items.length && offset > 0 && answer.total > 0) {
      // The last project of a page was deleted (or the address named a page past the
      // end): go to the last page there is.
      window.location.hash = `#/projects?page=${Math.max(1, Math.ceil(answer.total / PAGE))}`;
      return false;
    }
    if (!items.length) {
      replace(body, h('p', {}, 'No projects yet. ', h('a', { href: '#/new' }, 'Generate your first backend.')));
      return false;
    }
    // Polling answers that change nothing leave the page (and its focus) alone.
    const key = `${answer.total}:${items.map((p) => `${p.id}:${projectKey(p)}`).join(',')}`;
    if (key === shownKey) {
      // Only the running verifications' stages moved: their lines change, nothing else.
      for (const p of items) {
        const v = p.latest_verification;
        const line = v && v.status === 'running' ? body.querySelector(`[data-verification="${Number(v.id)}"]`) : null;
        if (line) line.replaceWith(verificationLine(v));
      }
      return true;
    }
    shownKey = key;
    const changed = items.filter((p) => statuses.has(p.id) && statuses.get(p.id) !== p.status);
    for (const p of items) statuses.set(p.id, p.status);
    if (changed.length) live.textContent = changed.map((p) => `${p.title || p.name} is now ${statusWord(p.status)}.`).join(' ');
    const pages = Math.max(1, Math.ceil(answer.total / PAGE));
    const current = Math.floor(offset / PAGE) + 1;
    const prev = h('button', { type: 'button', class: 'secondary small', disabled: current <= 1 }, 'Previous page');
    const next = h('button', { type: 'button', class: 'secondary small', disabled: current >= pages }, 'Next page');
    // The page is part of the address, so Back from a project returns to it.
    prev.addEventListener('click', () => { window.location.hash = `#/projects?page=${current - 1}`; });
    next.addEventListener('click', () => { window.location.hash = `#/projects?page=${current + 1}`; });
    const count = `${answer.total} project${answer.total === 1 ? '' : 's'}`;
    replace(body,
      h('div', { class: 'table-wrap' }, h('table', { class: 'projects' },
        h('caption', { class: 'visually-hidden' }, 'Your projects'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Project'), h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col', class: 'optional' }, 'Version'), h('th', { scope: 'col', class: 'optional' }, 'Created'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
        h('tbody', {}, items.map((p) => row(p, load, problems))))),
      pages > 1
        ? h('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, h('span', {}, `Page ${current} of ${pages} · ${count}`), next)
        : h('p', { class: 'muted small' }, count));
    return true;
  }

  load();
  return el;
}
