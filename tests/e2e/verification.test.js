// The dashboard shows the proof, end to end in Debian's chromium against a private stack
// whose runner really verifies every version in its sandbox: keyboard-only sign-up and
// generate with the plan's endpoints and the streamed stages, the badge moving to
// "verified" without a reload (and the polling it costs, none once settled), the report
// with a passing test opened, a spec whose action example is wrong failing for real with
// the failed test opened, the code browser (tree, highlighting, a link that survives a
// reload), the ZIP and its files, re-verify, an external report marked, delete after a
// confirmation, a second user who sees nothing of the first, the quota line, and phone
// width. It prints the figures (first render of the projects page and of a 40-test
// report, built asset sizes) and saves screenshots (E2E_SCREENSHOTS_DIR, e.g.
// docs/screenshots, to refresh the README's).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Stack, REPO, recordRequests, bestFirstRender } from './stack.js';

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const PROMPT = 'a todo API where users have projects and tasks with due dates';
const STAGES = ['planning', 'reviewing', 'generating', 'packaging', 'stored'];
const VERIFY_TIMEOUT = 240_000;

// The calculator spec with one example that is wrong (1 + 2 is not 4): the project's own
// generated pytest checks its examples, so the runner's verification fails for real.
const calculator = JSON.parse(readFileSync(join(REPO, 'tests/data/specs/valid/04-calculator-actions-only.json'), 'utf8'));
const wrong = structuredClone(calculator);
wrong.name = 'wrong-calculator';
wrong.title = 'Wrong Calculator';
wrong.actions[0].examples[0].output.result = 4;

const stack = new Stack();
const artifacts = process.env.E2E_ARTIFACTS || mkdtempSync(join(tmpdir(), 'bf-e2e-verify-'));
const shots = process.env.E2E_SCREENSHOTS_DIR ? join(REPO, process.env.E2E_SCREENSHOTS_DIR) : join(artifacts, 'screens');
const figures = {};
let context;
let page;
let failed = false;
const problems = [];

function step(name, fn, options = {}) {
  it(name, options, async (t) => {
    if (failed) {
      t.skip('an earlier step failed');
      return;
    }
    try {
      await fn(t);
    } catch (err) {
      failed = true;
      await page?.screenshot({ path: join(artifacts, `failed-${name.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => {});
      throw err;
    }
  });
}

async function shot(name, p = page) {
  await p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function token(p = page) {
  return p.evaluate(() => sessionStorage.getItem('backforge.token'));
}

async function apiCall(method, path, data, p = page) {
  const headers = { Authorization: `Bearer ${await token(p)}` };
  const r = await p.request.fetch(`${stack.baseUrl}/api${path}`, {
    method, headers: data ? { ...headers, 'Content-Type': 'application/json' } : headers, data,
  });
  return { status: r.status(), body: r.headers()['content-type']?.includes('json') ? await r.json() : null };
}

// Presses Tab until the focused element has the accessible name wanted (label, aria-label
// or text); fails after `max` presses. The keyboard-only steps move only with this.
async function tabTo(name, max = 40) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const got = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return '';
      return (el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || '').trim();
    });
    if (name instanceof RegExp ? name.test(got) : got === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

async function launch(viewport = { width: 1280, height: 900 }) {
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(artifacts, 'profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    viewport,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  ctx.setDefaultTimeout(20_000);
  const p = ctx.pages()[0] || await ctx.newPage();
  p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  p.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
  });
  return { ctx, p };
}

const statusBadge = (p = page) => p.locator('.status-line .badge');

async function waitForStatus(wanted, p = page, timeout = VERIFY_TIMEOUT) {
  await p.locator(`.status-line .badge[data-status="${wanted}"]`).waitFor({ timeout });
}

// Gzip size of every built asset, from the stack's built dashboard.
function assetSizes() {
  const web = join(stack.stateDir || '', 'web');
  const out = { js: 0, css: 0, jsGzip: 0, cssGzip: 0, files: 0 };
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const f = join(dir, name);
      if (statSync(f).isDirectory()) walk(f);
      else if (/\.(js|css)$/.test(name)) {
        const data = readFileSync(f);
        const kind = name.endsWith('.css') ? 'css' : 'js';
        out[kind] += data.length;
        out[`${kind}Gzip`] += gzipSync(data, { level: 9 }).length;
        out.files += 1;
      }
    }
  };
  walk(web);
  return out;
}

const email = `proof-${process.pid}-${Date.now()}@example.com`;
const password = 'correct horse battery';
let projectId;
let wrongId;

describe('the dashboard shows the proof', { timeout: 900_000 }, () => {
  before(async () => {
    mkdirSync(shots, { recursive: true });
    await stack.start();
    ({ ctx: context, p: page } = await launch());
  });

  after(async () => {
    await context?.close().catch(() => {});
    await stack.stop({ failed });
    process.stderr.write(`figures: ${JSON.stringify(figures)}\n`);
    if (failed || process.env.E2E_KEEP) process.stderr.write(`e2e artifacts in ${artifacts}\n`);
    else if (!process.env.E2E_ARTIFACTS) rmSync(artifacts, { recursive: true, force: true });
  });

  step('keyboard only: sign up', async () => {
    await page.goto(`${stack.baseUrl}/`);
    await page.getByRole('form', { name: 'Sign up' }).waitFor();
    const signUp = page.getByRole('form', { name: 'Sign up' });
    // The sign-in form comes first; its fields are passed on the way.
    await tabTo('Email');
    await tabTo('Email');
    assert.equal(await signUp.getByLabel('Email').evaluate((el) => el === document.activeElement), true);
    await page.keyboard.type(email);
    await tabTo(/^Password/);
    await page.keyboard.type(password);
    await tabTo('Create account');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    assert.equal(await page.locator('#account-email').textContent(), email);
  });

  step('keyboard only: sign out and sign in again', async () => {
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await tabTo('Sign out');
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await tabTo('Email');
    assert.equal(await page.getByRole('form', { name: 'Sign in' }).getByLabel('Email')
      .evaluate((el) => el === document.activeElement), true, 'the sign-in form comes first');
    await page.keyboard.type(email);
    await tabTo(/^Password/);
    await page.keyboard.type(password);
    await page.keyboard.press('Enter'); // submits the form
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    assert.equal(await page.locator('#account-email').textContent(), email);
  });

  step('the quota line says how many generations are left', async () => {
    await page.goto(`${stack.baseUrl}/#/new`);
    await page.locator('.quota').filter({ hasText: '12 of 12 generations left today' }).waitFor();
  });

  step('keyboard only: plan shows the proposed endpoints, generate streams the stages', async () => {
    await page.waitForFunction(() => !document.querySelector('select[name=model]')?.disabled);
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await tabTo('Describe the backend');
    await page.keyboard.type(PROMPT);
    await tabTo('Model');
    for (let i = 0; i < 5 && (await page.getByLabel('Model').inputValue()) !== 'offline'; i += 1) {
      await page.keyboard.press('ArrowUp');
    }
    assert.equal(await page.getByLabel('Model').inputValue(), 'offline');
    await tabTo('Preview');
    await page.keyboard.press('Enter');
    const preview = page.getByRole('region', { name: 'Preview' });
    const endpoints = preview.getByRole('region', { name: 'Endpoints' });
    await endpoints.getByRole('rowheader', { name: '/tasks/{id}' }).first().waitFor();
    await endpoints.getByRole('rowheader', { name: '/auth/login' }).waitFor();
    await endpoints.getByRole('row').filter({ hasText: 'PATCH' }).first().waitFor();

    await page.evaluate(() => {
      window.seenStages = [];
      new MutationObserver(() => {
        for (const li of document.querySelectorAll('li[data-stage]')) {
          if (li.dataset.state !== 'pending' && !window.seenStages.includes(li.dataset.stage)) window.seenStages.push(li.dataset.stage);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByLabel('Describe the backend').focus();
    await tabTo('Generate');
    await page.keyboard.press('Enter');
    const result = page.getByRole('region', { name: 'Generation result' });
    await result.getByRole('heading', { name: 'Generated todo-api' }).waitFor({ timeout: 60_000 });
    assert.deepEqual(await page.evaluate(() => window.seenStages), STAGES);
    // The new project's status follows the runner right there.
    await result.locator('.status-line .badge').waitFor();
    await page.locator('.quota').filter({ hasText: '11 of 12 generations left today' }).waitFor();
    const href = await result.getByRole('link', { name: 'Open project' }).getAttribute('href');
    projectId = /#\/projects\/(\d+)/.exec(href)[1];
    await result.getByRole('link', { name: 'Open project' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Todo API', level: 2 }).waitFor();
  });

  step('the badge turns verified without a reload; polling stops once settled', async () => {
    const polls = recordRequests(page, new RegExp(`/api/projects/${projectId}$`));
    const reqs = polls.times;
    await page.evaluate(() => { window.notReloaded = true; });
    const first = await statusBadge().getAttribute('data-status');
    assert.ok(['queued', 'verifying', 'verified'].includes(first), `status ${first}`);
    const t0 = Date.now();
    await waitForStatus('verified');
    const t1 = Date.now();
    assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
    // The change was announced: the status line is a polite live region.
    assert.equal(await page.locator('.status-line').getAttribute('aria-live'), 'polite');
    await page.getByRole('status').filter({ hasText: 'Todo API: verified' }).waitFor();
    const during = reqs.length;
    figures.verifyingSeconds = Math.round((t1 - t0) / 1000);
    figures.pollRequestsPerMinuteWhileVerifying = t1 > t0 ? Math.round((during * 60000) / Math.max(1, t1 - t0)) : null;
    await page.waitForTimeout(20_000);
    figures.pollRequestsIn20sSettled = reqs.length - during;
    polls.stop();
    assert.equal(reqs.length - during, 0, 'no polling once verified');
    if (first !== 'verified') assert.ok(during >= 1, 'the page polled while verifying');
  }, { timeout: VERIFY_TIMEOUT + 60_000 });

  step('the report: grouped, a passing test opens to its request, expectation and answer', async () => {
    const report = page.getByRole('article', { name: 'Report of v1' });
    await report.waitFor();
    const health = report.getByRole('region', { name: 'Health' });
    // A group that passed whole starts closed; it opens to its tests.
    assert.equal(await health.locator('details.group').getAttribute('open'), null);
    await health.locator('details.group > summary').click();
    const test = health.locator('details.test').first();
    assert.equal(await test.locator('.verdict').textContent(), 'passed');
    await test.locator('summary').click();
    await test.getByText('GET /health').waitFor();
    await test.getByText('Expected', { exact: true }).waitFor();
    await test.getByText('Got', { exact: true }).waitFor();
    const pytest = report.getByRole('region', { name: "The project's own pytest" });
    await pytest.locator('details.group > summary').click();
    await pytest.locator('details.test').getByText(/passed/).first().waitFor();
    await page.getByRole('region', { name: 'Verification timeline' }).getByText('Attempt 1').waitFor();
    await page.getByRole('region', { name: 'Verification timeline' }).getByText(/^verified \(\d+\/\d+ passed\)$/).waitFor();
    // Every endpoint with its state; /health was called and passed.
    const eps = page.getByRole('region', { name: 'Endpoints' }).last();
    await eps.getByRole('row').filter({ hasText: '/health' }).getByText('verified').waitFor();
    await shot('project-report');
  });

  step('the code browser: a folder tree, highlighting, line numbers, a link that survives a reload', async () => {
    const tree = page.getByRole('navigation', { name: 'Project files' });
    const routers = tree.getByRole('button', { name: /^routers\/ folder/ });
    assert.equal(await routers.getAttribute('aria-expanded'), 'false');
    await routers.click();
    assert.equal(await routers.getAttribute('aria-expanded'), 'true');
    const file = tree.getByRole('link', { name: /^app\/routers\/tasks\.py,/ });
    await file.click();
    await page.waitForURL(/\?file=app%2Frouters%2Ftasks\.py/);
    const code = page.getByLabel('Contents of app/routers/tasks.py');
    await code.waitFor();
    await page.locator('pre.code[data-highlighted="yes"]').waitFor();
    assert.ok(await code.locator('.hljs-keyword').count() > 5, 'keywords are highlighted');
    assert.match(await code.textContent(), /APIRouter/);
    assert.ok(await code.locator('.line').count() > 20, 'one element per line (numbered by CSS)');
    assert.equal(await file.getAttribute('aria-current'), 'page');
    await shot('code-browser');
    await page.reload();
    await page.getByLabel('Contents of app/routers/tasks.py').waitFor();
    await page.locator('pre.code[data-highlighted="yes"]').waitFor();
    assert.equal(await tree.getByRole('button', { name: /^routers\/ folder/ }).getAttribute('aria-expanded'), 'true');
    // A collapsed folder hides its files from the keyboard as well.
    const tests = tree.getByRole('button', { name: /^tests\/ folder/ });
    await tree.getByRole('link', { name: /^tests\/conftest\.py,/ }).waitFor();
    await tests.focus();
    await page.keyboard.press('Enter');
    assert.equal(await tests.getAttribute('aria-expanded'), 'false');
    await tree.getByRole('link', { name: /^tests\/conftest\.py,/ }).waitFor({ state: 'hidden' });
    await page.keyboard.press('Space');
    await tree.getByRole('link', { name: /^tests\/conftest\.py,/ }).waitFor();
  });

  step('the ZIP downloads and holds the project', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download version 1 ZIP' }).click(),
    ]);
    const file = join(artifacts, download.suggestedFilename());
    await download.saveAs(file);
    const names = execFileSync('/usr/bin/python3', ['-c',
      'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', file]).toString().split('\n');
    // Every file the code browser lists is in the ZIP, under the project's folder.
    const listed = (await apiCall('GET', `/projects/${projectId}`)).body.files.map((f) => f.path);
    assert.ok(listed.length > 10);
    for (const want of [...listed, 'app/main.py', 'app/routers/tasks.py', 'tests/conftest.py']) {
      assert.ok(names.some((n) => n === want || n.endsWith(`/${want}`)), `${want} in the ZIP (${names.length} files)`);
    }
  });

  step('re-verify queues a new run; the badge moves and settles again', async () => {
    await page.getByRole('button', { name: 'Re-verify' }).click();
    await page.getByRole('status').filter({ hasText: /Verification of v1 queued|already queued/ }).waitFor();
    await page.locator('.status-line .badge[data-moving="yes"]').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Re-verify' }).isDisabled(), true);
    await waitForStatus('verified');
    const list = await apiCall('GET', `/projects/${projectId}/verifications`);
    assert.ok(list.body.items.filter((v) => v.source === 'runner').length >= 2, 'two runner verifications');
  }, { timeout: VERIFY_TIMEOUT + 30_000 });

  step('a spec whose action example is wrong fails for real; the failed test opens', async (t) => {
    const r = await apiCall('POST', '/generate', { spec: wrong });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    wrongId = r.body.project_id;
    await page.goto(`${stack.baseUrl}/#/projects/${wrongId}`);
    await page.getByRole('heading', { name: 'Wrong Calculator', level: 2 }).waitFor();
    await waitForStatus('failed');
    const report = page.getByRole('article', { name: 'Report of v1' });
    await report.locator('.reason').filter({ hasText: /did not pass|failed/ }).waitFor();
    // Failures first: the first group has failures, and its first test is one.
    const firstGroup = report.locator('section.test-group').first();
    assert.match(await firstGroup.locator('h5').textContent(), /failed/);
    assert.match(await firstGroup.locator('details.test').first().getAttribute('class'), /verdict-(fail|error)/);
    // The suite's step for the wrong example: the request, what was expected, what came back.
    // Until the runner runs the derived suite (today it checks /health, then pytest), the
    // report has no action group; the test says so rather than pass over it in silence.
    const action = report.getByRole('region', { name: 'Action add' });
    figures.runnerRunsSuite = await action.count() > 0;
    if (figures.runnerRunsSuite) {
      const actionFail = action.locator('details.test.verdict-fail').first();
      await actionFail.locator('summary').click();
      await actionFail.locator('dd code').filter({ hasText: /^POST \/calc\/add$/ }).waitFor();
      await actionFail.getByText('Expected', { exact: true }).waitFor();
      await actionFail.getByText('Got', { exact: true }).waitFor();
      await actionFail.getByText("The app's log (last lines)", { exact: true }).waitFor();
      assert.match(await actionFail.textContent(), /result/);
    } else {
      t.diagnostic('the runner did not run the derived suite: no "Action add" group in the report');
    }
    // The project's own pytest fails on the same example.
    const firstGroupPytest = report.getByRole('region', { name: "The project's own pytest" });
    const failedTest = firstGroupPytest.locator('details.test.verdict-fail').first();
    await failedTest.locator('summary').click();
    await failedTest.getByText(/output \(last lines\)/).waitFor();
    // The failing pytest test by its name (the run's row holds the name too, in its output).
    const named = firstGroupPytest.locator('details.test.verdict-fail')
      .filter({ has: page.locator('summary', { hasText: /test_action_examples\.py::test_example\[POST-\/calc\/add/ }) });
    assert.equal(await named.count(), 1, 'the failing pytest test is named');
    await named.locator('summary').click();
    await named.getByText(/output \(last lines\)/).waitFor();
    await named.locator('summary').scrollIntoViewIfNeeded();
    await shot('failed-test');
    // The projects list shows both with their badges and last summaries.
    await page.goto(`${stack.baseUrl}/#/projects`);
    const row = page.getByRole('row').filter({ hasText: 'wrong-calculator' });
    await row.locator('.badge[data-status="failed"]').waitFor();
    await page.getByRole('row').filter({ hasText: 'todo-api' }).getByText(/\d+\/\d+ passed/).waitFor();
    await shot('projects');
  }, { timeout: VERIFY_TIMEOUT + 30_000 });

  step('the projects list follows a verifying project without a reload, one request a tick', async (t) => {
    // A calculator verifies in a second or two, so it may have settled before the list's
    // first answer: then nothing was left to follow, and a new project is tried (at most 3).
    for (let attempt = 1; ; attempt += 1) {
      const spec = structuredClone(calculator);
      spec.name = `followed-calculator-${attempt}`;
      spec.title = `Followed Calculator ${attempt}`;
      const r = await apiCall('POST', '/generate', { spec });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const polls = recordRequests(page, /^\/api\/projects$/);
      const reqs = polls.times;
      await page.goto('about:blank'); // the list is on screen already: load it afresh
      const first = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/projects');
      await page.goto(`${stack.baseUrl}/#/projects`);
      const firstAnswer = await (await first).json();
      const mine = firstAnswer.items.find((p) => p.name === spec.name);
      assert.ok(mine, `the new project is on the list's first answer: ${JSON.stringify(firstAnswer.items.map((p) => p.name))}`);
      await page.evaluate(() => { window.notReloaded = true; });
      const row = page.getByRole('row').filter({ hasText: spec.name });
      await row.locator('.badge[data-status="verified"]').waitFor({ timeout: VERIFY_TIMEOUT });
      assert.equal(await page.evaluate(() => window.notReloaded), true);
      const during = reqs.length;
      await page.waitForTimeout(12_000);
      polls.stop();
      if (!['generating', 'queued', 'verifying', 'fixing'].includes(mine.status) && attempt < 3) {
        t.diagnostic(`attempt ${attempt}: already ${mine.status} at the list's first answer`);
        continue;
      }
      assert.notEqual(mine.status, 'verified', 'three projects all verified before the list loaded');
      assert.ok(during >= 2, `the list polled (${during} requests)`);
      assert.equal(reqs.length - during, 0, 'no polling once every project settled');
      break;
    }
    // Only the list itself was polled, not each project on it.
    assert.equal((await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => /\/api\/projects\/\d+$/.test(new URL(e.name).pathname)).length)), 0);
  }, { timeout: 3 * (VERIFY_TIMEOUT + 30_000) });

  step('an external report is shown beside ours and marked', async () => {
    // 40 tests, 2 failing: also the page whose first render is measured below.
    const tests = Array.from({ length: 40 }, (_, i) => ({
      name: `step ${i + 1}`, group: i < 4 ? 'auth' : i < 30 ? 'entity:Task' : 'action:add',
      verdict: i === 7 || i === 31 ? 'fail' : 'pass', duration_ms: 5 + i,
      request: { method: 'GET', path: `/tasks/${i}` }, expected: { status: 200 }, actual: { status: i === 7 || i === 31 ? 500 : 200 },
    }));
    const r = await apiCall('POST', `/projects/${projectId}/verify-report`,
      { summary: { total: 40, passed: 38, failed: 2, skipped: 0 }, tests, base_url: 'https://example.test' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await page.goto(`${stack.baseUrl}/#/projects/${projectId}`);
    const ext = page.getByRole('article', { name: /^External report/ });
    await ext.getByText('external: sent by the owner, not run here').waitFor();
    // Groups with a failure are open; the one that passed whole opens to its tests.
    assert.equal(await ext.locator('details.test').count(), 36);
    await ext.getByRole('region', { name: 'Authentication' }).locator('details.group > summary').click();
    await ext.locator('details.test').nth(39).waitFor();
    assert.equal(await ext.locator('details.test').count(), 40);
    assert.equal(await ext.locator('section.test-group').first().getAttribute('aria-label'), 'Entity Task');
    // The project's own status is the runner's, untouched by the external report.
    await waitForStatus('verified', page, 5000);
  });

  step('figures: first render of the projects page and of a project with a 40-test report', async () => {
    // The best of three loads (the first pays for the cold cache), in a fresh tab.
    // The token lives in sessionStorage, which a new tab does not share: copy it in.
    const tk = await token();
    await context.addInitScript((t) => sessionStorage.setItem('backforge.token', t), tk);
    figures.projectsFirstRenderMs = await bestFirstRender(context, `${stack.baseUrl}/#/projects`, ['table.projects tbody tr']);
    figures.project40FirstRenderMs = await bestFirstRender(context, `${stack.baseUrl}/#/projects/${projectId}`,
      ['article.report.external details.test:nth-of-type(1)']);
    const sizes = assetSizes();
    figures.assets = sizes;
    figures.loadAverage = loadavg()[0];
    // Render times are figures, printed with the load average, not verdicts: a timed
    // assertion failed at load 13 on a shared machine. The size of what ships is a verdict.
    assert.ok(figures.projectsFirstRenderMs > 0 && figures.project40FirstRenderMs > 0);
    assert.ok(sizes.jsGzip + sizes.cssGzip < 100 * 1024, `assets ${sizes.jsGzip + sizes.cssGzip} B gzip`);
  });

  step('phone width: the project page fits and the report still opens', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.baseUrl}/#/projects/${wrongId}`);
    await waitForStatus('failed', page, 10_000);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    // The elements that stick out of the page (not clipped by a scrolling box), to say what to fix.
    const culprits = overflow <= 0 ? [] : await page.evaluate(() => {
      const clipped = (el) => {
        for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
        return false;
      };
      return [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(el))
        .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`);
    });
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone: ${culprits.join('; ')}`);
    await page.locator('details.test.verdict-fail summary').first().click();
    await page.locator('details.test.verdict-fail .test-body').first().waitFor();
    await shot('phone-project');
    // Light and dark follow the system setting.
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await bg();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await bg();
    assert.notEqual(light, dark);
    await shot('phone-project-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  step('a second user sees none of the first user\'s projects', async () => {
    const other = await launch();
    try {
      const p = other.p;
      await p.goto(`${stack.baseUrl}/`);
      const form = p.getByRole('form', { name: 'Sign up' });
      await form.getByLabel('Email').fill(`other-${email}`);
      await form.getByLabel('Password').fill(password);
      await form.getByRole('button', { name: 'Create account' }).click();
      await p.getByRole('navigation', { name: 'Main' }).waitFor();
      await p.goto(`${stack.baseUrl}/#/projects`);
      await p.getByText('No projects yet.').waitFor();
      await p.goto(`${stack.baseUrl}/#/projects/${projectId}`);
      await p.getByRole('alert').getByText('There is no such project').waitFor();
      const r = await apiCall('GET', `/projects/${projectId}/verifications`, undefined, p);
      assert.equal(r.status, 404);
    } finally {
      await other.ctx.close();
    }
  });

  step('delete asks first, then the project is gone', async () => {
    await page.goto(`${stack.baseUrl}/#/projects/${wrongId}`);
    await page.getByRole('button', { name: 'Delete project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Wrong Calculator?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Wrong Calculator', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Delete project' }).click();
    await page.getByRole('dialog', { name: 'Delete Wrong Calculator?' }).getByRole('button', { name: 'Delete project' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted Wrong Calculator' }).waitFor();
    assert.equal((await apiCall('GET', `/projects/${wrongId}`)).status, 404);
  });

  step('every control on the main screens has an accessible name', async () => {
    const unnamed = [];
    for (const url of [`/#/new`, `/#/projects`, `/#/projects/${projectId}?file=app%2Fmain.py`]) {
      await page.goto(`${stack.baseUrl}${url}`);
      await page.locator('#view > *').first().waitFor();
      await page.waitForLoadState('networkidle');
      unnamed.push(...await page.evaluate((where) => [...document.querySelectorAll(
        'button, a[href], input, select, textarea, summary, [tabindex="0"]')]
        .filter((el) => el.getClientRects().length > 0)
        .filter((el) => {
          const labelled = el.getAttribute('aria-labelledby');
          const name = el.getAttribute('aria-label')
            || (labelled && labelled.split(' ').map((id) => document.getElementById(id)?.textContent || '').join(' '))
            || (el.labels && [...el.labels].map((l) => l.textContent).join(' ')) || el.textContent || el.title;
          return !String(name || '').trim();
        })
        .map((el) => `${where}: <${el.tagName.toLowerCase()} class="${el.className}">`), url));
    }
    assert.deepEqual(unnamed, []);
  });

  step('no page errors or CSP refusals on the way', async () => {
    assert.deepEqual(problems, []);
  });
});

