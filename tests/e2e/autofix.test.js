// The fix loop in the dashboard, end to end in Debian's chromium against a private stack
// whose runner verifies for real and whose LLM provider is the local fake
// (tests/llm/fake_openai.py) with scripted replies: an adder whose action code is off by one
// (so the example of its action, 2 + 3 = "5", fails) fails verification; the runner's
// automatic round gets a reply with no patch and is refused, so the project stays failed
// and the page offers "Fix with the LLM (2 attempts left)"; the button's round gets a real
// repair, version 2 is stored and verified without a reload; the timeline reads attempt 1
// failed -> fix (file, model, tokens, cost) -> attempt 2 verified; the changed file opens as
// a diff against v1; the code browser shows v1's files when v1 is chosen. A second press
// of Fix is refused in words. While verifying, every stage the API names is shown. Prints
// the figures (first render of a project with a 40-test report and a fix timeline, polling
// while verifying and once settled) and saves the timeline screenshot (E2E_SCREENSHOTS_DIR).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Stack, REPO, recordRequests, bestFirstRender } from './stack.js';

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const VERIFY_TIMEOUT = 240_000;
const KEY = 'sk-e2e-autofix-0123456789abcdef';
const SUMMARY = 'the adder added one too many';

// As tests/integration/test_autofix.py's broken_spec: the code is off by one.
const spec = {
  spec_version: 1, name: 'e2e-off-by-one', title: 'Off By One', description: 'adds two numbers',
  auth: { enabled: false }, entities: [],
  actions: [{
    name: 'add', method: 'POST', path: '/calc/add', summary: 'a + b as text',
    input: [{ name: 'a', type: 'integer', required: true }, { name: 'b', type: 'integer', required: true }],
    output: [{ name: 'result', type: 'string' }],
    code: 'return {"result": str(a + b + 1)}',
    examples: [{ input: { a: 2, b: 3 }, output: { result: '5' } }],
  }],
};

// The fake provider: a child process on a free port; its control routes script replies.
async function startFake() {
  const child = spawn('/usr/bin/python3', [join(REPO, 'tests/llm/fake_openai.py')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`fake provider exited ${code}`)));
  });
  const url = `http://127.0.0.1:${Number(line.split(' ')[1])}`;
  return {
    url, child,
    async script(steps) {
      await fetch(`${url}/_control/reset`, { method: 'POST' });
      const r = await fetch(`${url}/_control/script`, { method: 'POST', body: JSON.stringify({ steps }) });
      assert.equal(r.status, 200);
    },
    async chats() {
      return (await (await fetch(`${url}/_control/requests`)).json()).filter((r) => r.path === '/v1/chat/completions');
    },
  };
}

const fake = await startFake();
const stack = new Stack({ env: {
  BACKFORGE_LLM_BASE_URL: `${fake.url}/v1`, BACKFORGE_LLM_API_KEY: KEY, BACKFORGE_LLM_MODEL: 'fake-model',
  BACKFORGE_LLM_TIMEOUT_MS: '20000', BACKFORGE_LLM_MAX_RETRIES: '0',
  BACKFORGE_LLM_PRICE_IN: '1.0', BACKFORGE_LLM_PRICE_OUT: '2.0',
} });
const artifacts = process.env.E2E_ARTIFACTS || mkdtempSync(join(tmpdir(), 'bf-e2e-fix-'));
const shots = process.env.E2E_SCREENSHOTS_DIR ? join(REPO, process.env.E2E_SCREENSHOTS_DIR) : join(artifacts, 'screens');
const figures = {};
const problems = [];
let context;
let page;
let failed = false;
let token;
let projectId;

function step(name, fn, options = {}) {
  it(name, options, async (t) => {
    if (failed) { t.skip('an earlier step failed'); return; }
    try {
      await fn(t);
    } catch (err) {
      failed = true;
      await page?.screenshot({ path: join(artifacts, `failed-${name.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => {});
      throw err;
    }
  });
}

async function api(method, path, data) {
  const r = await page.request.fetch(`${stack.baseUrl}/api${path}`, {
    method, data, headers: { Authorization: `Bearer ${token}`, ...(data ? { 'Content-Type': 'application/json' } : {}) },
  });
  return { status: r.status(), body: (r.headers()['content-type'] || '').includes('json') ? await r.json() : null };
}

const badge = () => page.locator('.status-line .badge');
const timeline = () => page.getByRole('region', { name: 'Verification timeline' });

// Watches the project's polled answers and the stage line: which stages the API named and
// which words the page showed, to check that each one named was shown.
async function watchStages() {
  const named = new Set();
  const onResponse = async (res) => {
    if (!new RegExp(`/api/projects/${projectId}$`).test(new URL(res.url()).pathname)) return;
    const body = await res.json().catch(() => null);
    const stage = body && body.latest_verification && body.latest_verification.stage;
    if (stage && stage.name) named.add(stage.name);
  };
  page.on('response', onResponse);
  await page.evaluate(() => {
    window.stageWords = [];
    new MutationObserver(() => {
      const t = document.querySelector('p.stage')?.textContent;
      if (t && window.stageWords[window.stageWords.length - 1] !== t) window.stageWords.push(t);
    }).observe(document.getElementById('view'), { subtree: true, childList: true, characterData: true });
  });
  return async () => {
    page.off('response', onResponse);
    return { named: [...named], shown: await page.evaluate(() => window.stageWords) };
  };
}

const WORDS = { preparing: /preparing the project/, starting: /starting the sandbox/, suite: /running (step \d+ of \d+|the HTTP suite)/,
  pytest: /running the project's tests \(pytest\)/, finishing: /writing the report/ };

describe('the fix loop in the dashboard', { timeout: 900_000 }, () => {
  before(async () => {
    mkdirSync(shots, { recursive: true });
    // The runner's automatic round gets no patch; the round the button asks for, a repair.
    await fake.script([
      { kind: 'content', content: 'I would rather not.' },
      { kind: 'fix', edits: [{ path: 'app/actions.py', old: 'a + b + 1', new: 'a + b' }], summary: SUMMARY, delay: 0.5 },
    ]);
    await stack.start();
    context = await chromium.launchPersistentContext(mkdtempSync(join(artifacts, 'profile-')), {
      executablePath: CHROMIUM, headless: true, ignoreHTTPSErrors: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
      viewport: { width: 1100, height: 820 }, locale: 'en-GB', timezoneId: 'UTC',
    });
    context.setDefaultTimeout(20_000);
    page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
    });
  });

  after(async () => {
    await context?.close().catch(() => {});
    await stack.stop({ failed });
    fake.child.kill('SIGTERM');
    process.stderr.write(`figures: ${JSON.stringify(figures)}\n`);
    if (failed || process.env.E2E_KEEP) process.stderr.write(`e2e artifacts in ${artifacts}\n`);
    else if (!process.env.E2E_ARTIFACTS) rmSync(artifacts, { recursive: true, force: true });
  });

  step('a version whose action example fails is failed, and the automatic round is refused', async () => {
    await page.goto(`${stack.baseUrl}/`);
    const email = `fix-${process.pid}-${Date.now()}@example.com`;
    const password = 'correct horse battery';
    for (const path of ['/auth/register', '/auth/login']) {
      const r = await page.request.post(`${stack.baseUrl}/api${path}`, { data: { email, password } });
      assert.ok(r.ok(), `${path}: ${r.status()}`);
      if (path === '/auth/login') token = (await r.json()).access_token;
    }
    // Signed in as the app keeps it (sessionStorage), from the first script of every page.
    await context.addInitScript((t) => {
      if (window.location.protocol === 'https:') sessionStorage.setItem('backforge.token', t); // not on about:blank
    }, token);
    const r = await api('POST', '/generate', { spec });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    projectId = r.body.project_id;
    await page.goto('about:blank');
    await page.goto(`${stack.baseUrl}/#/projects/${projectId}`);
    await page.getByRole('heading', { name: 'Off By One', level: 2 }).waitFor();
    const stages = await watchStages();
    // failed, and the automatic round has answered (the Fix button is then offered)
    const fix = page.getByRole('button', { name: 'Fix with the LLM (2 attempts left)' });
    await fix.waitFor({ timeout: VERIFY_TIMEOUT });
    assert.equal(await badge().getAttribute('data-status'), 'failed');
    const seen = await stages();
    figures.stagesNamedV1 = seen.named;
    for (const name of seen.named) assert.ok(seen.shown.some((t) => WORDS[name].test(t)), `stage ${name} never shown: ${seen.shown}`);
    await timeline().locator('li.tl-attempt').filter({ hasText: /Attempt 1 · v1 · failed \(\d+ tests?\)/ }).waitFor();
    assert.equal(await timeline().locator('li.tl-fix').count(), 0);
  }, { timeout: VERIFY_TIMEOUT + 60_000 });

  step('Fix: version 2 is stored and verified without a reload; polling stops once settled', async () => {
    const polls = recordRequests(page, new RegExp(`/api/projects/${projectId}$`));
    const reqs = polls.times;
    await page.evaluate(() => { window.notReloaded = true; });
    const stages = await watchStages();
    await page.getByRole('button', { name: /^Fix with the LLM/ }).click();
    await page.getByRole('status').filter({ hasText: /Fix stored as v2 \(1 file changed\); verifying it\./ }).waitFor({ timeout: 60_000 });
    const t0 = Date.now();
    await page.locator('.status-line .badge[data-status="verified"]').waitFor({ timeout: VERIFY_TIMEOUT });
    const t1 = Date.now();
    assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
    const during = reqs.filter((t) => t >= t0).length;
    figures.verifyingV2Seconds = Math.round((t1 - t0) / 1000);
    figures.pollRequestsPerMinuteWhileVerifying = Math.round((during * 60000) / Math.max(1, t1 - t0));
    const seen = await stages();
    figures.stagesNamedV2 = seen.named;
    figures.stageWordsShownV2 = seen.shown;
    for (const name of seen.named) assert.ok(seen.shown.some((t) => WORDS[name].test(t)), `stage ${name} never shown: ${seen.shown}`);
    const settledAt = reqs.length;
    await page.waitForTimeout(15_000);
    figures.pollRequestsIn15sSettled = reqs.length - settledAt;
    polls.stop();
    assert.equal(reqs.length - settledAt, 0, 'no polling once verified');
    // The fix is gone from the offer: v2 passed.
    assert.equal(await page.getByRole('button', { name: /^Fix with the LLM/ }).count(), 0);
    const chats = await fake.chats();
    assert.equal(chats.length, 2, 'the automatic round and the button each asked once');
  }, { timeout: VERIFY_TIMEOUT + 120_000 });

  step('the timeline: attempt 1 failed -> fix -> attempt 2 verified; the diff of the changed file', async () => {
    const items = timeline().locator('ol.steps > li');
    assert.equal(await items.count(), 3);
    assert.match(await items.nth(0).innerText(), /^Attempt 1 · v1 · failed \(\d+ tests?\)/);
    const fix = items.nth(1);
    assert.equal(await fix.getAttribute('data-kind'), 'fix');
    const text = await fix.innerText();
    assert.match(text, /Fix · v1 → v2 · 1 file changed · fake-model/);
    assert.ok(text.includes(SUMMARY), text);
    // the fake provider's usage: 900 + 300 tokens at $1 and $2 per million
    assert.match(text, /1,200 tokens \(900 in, 300 out\) · cost \$0\.0015/);
    assert.match(await items.nth(2).innerText(), /^Attempt 2 · v2 · verified \(\d+\/\d+ passed\)/);
    const open = fix.getByRole('button', { name: 'Changes to app/actions.py from v1 to v2' });
    await open.click();
    const diff = page.getByRole('region', { name: 'Changes to app/actions.py from v1 to v2' });
    await diff.waitFor();
    assert.equal(await open.getAttribute('aria-expanded'), 'true');
    await diff.getByText(/v1 → v2: 1 line added, 1 removed/).waitFor();
    const removed = diff.locator('.diff-del');
    const added = diff.locator('.diff-add');
    assert.equal(await removed.count(), 1);
    assert.equal(await added.count(), 1);
    assert.match(await removed.innerText(), /-\s*removed:\s.*str\(a \+ b \+ 1\)/s);
    assert.match(await added.innerText(), /\+\s*added:\s.*str\(a \+ b\)\}/s);
    // both line numbers, the same line on each side
    const [oldNo, newNo] = await removed.locator('.diff-no').allInnerTexts();
    assert.ok(Number(oldNo) > 0 && newNo === '', `${oldNo}/${newNo}`);
    assert.equal((await added.locator('.diff-no').allInnerTexts())[1], oldNo);
    await diff.locator('.diff-header').first().getByText(/^@@ -\d+,\d+ \+\d+,\d+ @@/).waitFor();
    await timeline().scrollIntoViewIfNeeded();
    await timeline().evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 12));
    await page.screenshot({ path: join(shots, 'fix-timeline.png') }); // the viewport only: a small PNG
  });

  step("the code browser shows a chosen version's files", async () => {
    const chooser = page.getByRole('combobox', { name: 'Version of the files' });
    assert.equal(await chooser.inputValue(), '2');
    await chooser.selectOption('1');
    await page.waitForURL(/\?version=1$/);
    const tree = page.getByRole('navigation', { name: 'Project files' });
    await tree.getByRole('link', { name: /^app\/actions\.py,/ }).click();
    await page.waitForURL(/file=app%2Factions\.py&version=1/);
    await page.getByLabel('Contents of app/actions.py').getByText('a + b + 1').waitFor();
    await page.reload(); // the address keeps both
    await page.getByLabel('Contents of app/actions.py').getByText('a + b + 1').waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Version of the files' }).inputValue(), '1');
    const v = await api('GET', `/projects/${projectId}/versions/1`);
    assert.equal(v.status, 200);
    assert.ok(v.body.files.some((f) => f.path === 'app/actions.py'));
  });

  step('a fix asked for when nothing failed is refused in words', async () => {
    const r = await api('POST', `/projects/${projectId}/fix`);
    assert.equal(r.status, 409);
    assert.equal(r.body.error.details.reason, 'not_failed');
  });

  step('figures: first render of a project with a 40-test report and a fix timeline', async () => {
    const tests = Array.from({ length: 40 }, (_, i) => ({
      name: `step ${i + 1}`, group: i < 20 ? 'action:add' : 'health', verdict: i === 3 ? 'fail' : 'pass', duration_ms: 5 + i,
      request: { method: 'POST', path: '/calc/add' }, expected: { status: 200 }, actual: { status: i === 3 ? 500 : 200 },
    }));
    const r = await api('POST', `/projects/${projectId}/verify-report`,
      { summary: { total: 40, passed: 39, failed: 1, skipped: 0 }, tests, version: 2 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    figures.projectWith40TestsAndFixFirstRenderMs = await bestFirstRender(context, `${stack.baseUrl}/#/projects/${projectId}`,
      ['article.report.external details.test', '.timeline li.tl-fix']);
    figures.loadAverage = loadavg()[0];
    // A figure (printed with the load average), not a verdict: see verification.test.js.
    assert.ok(figures.projectWith40TestsAndFixFirstRenderMs > 0);
  });

  step('no page errors or CSP refusals on the way', async () => {
    assert.deepEqual(problems, []);
  });
});
