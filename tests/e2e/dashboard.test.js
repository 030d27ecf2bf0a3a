// The dashboard end to end in a real browser (Debian's chromium through playwright-core)
// against a private stack: sign up, sign in, generate with streamed progress, the projects
// list, a project's page and file browser, the ZIP download, the plan preview, a refused
// prompt, a lapsed session, deletion and sign out. Screenshots of the main screens go to
// the run's artifacts directory (kept on failure or with E2E_KEEP=1).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Stack, DEAD_MODEL } from './stack.js';

const PROMPT = 'a todo API where users have projects and tasks with due dates';
const STAGES = ['planning', 'reviewing', 'generating', 'packaging', 'stored'];
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

const stack = new Stack();
const artifacts = process.env.E2E_ARTIFACTS || mkdtempSync(join(tmpdir(), 'bf-e2e-'));
const shots = join(artifacts, 'screens');
let context;
let page;
let failed = false;
const problems = []; // page errors, CSP violations and console errors that are not HTTP answers

// One step of the story: later steps are skipped once one fails, as they build on it.
function step(name, fn) {
  it(name, async (t) => {
    if (failed) {
      t.skip('an earlier step failed');
      return;
    }
    try {
      await fn(t);
    } catch (err) {
      failed = true;
      await page?.screenshot({ path: join(shots, `failed-${name.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => {});
      throw err;
    }
  });
}

// The model select is filled asynchronously; the story uses the offline planner.
async function chooseModel(id) {
  await page.waitForFunction(() => !document.querySelector('select[name=model]')?.disabled);
  await page.getByLabel('Model').selectOption(id);
}

// Generates through the API with the page's own token (setting up, not what is tested).
async function apiGenerate(prompt) {
  const token = await page.evaluate(() => sessionStorage.getItem('backforge.token'));
  return page.request.post(`${stack.baseUrl}/api/generate-from-prompt`, {
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    data: { prompt, model: 'offline' },
  });
}

async function shot(name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const email = `e2e-${process.pid}-${Date.now()}@example.com`;
const password = 'correct horse battery';

describe('dashboard', { timeout: 120_000 }, () => {
  before(async () => {
    mkdirSync(shots, { recursive: true });
    await stack.start();
    context = await chromium.launchPersistentContext(join(artifacts, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      ignoreHTTPSErrors: true,
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    context.setDefaultTimeout(15_000);
    page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      // Chromium logs every 4xx/5xx fetch as "Failed to load resource"; those are answers
      // the page handles. Anything else at error level (a CSP refusal above all) is a bug.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${msg.text()}`);
      }
    });
  });

  after(async () => {
    await context?.close().catch(() => {});
    await stack.stop({ failed });
    if (failed || process.env.E2E_KEEP) process.stderr.write(`e2e artifacts (screenshots) in ${artifacts}\n`);
    else if (!process.env.E2E_ARTIFACTS) rmSync(artifacts, { recursive: true, force: true });
  });

  step('the signed-out screen offers sign in and sign up', async () => {
    await page.goto(`${stack.baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('form', { name: 'Sign up' }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0);
    await shot('01-signed-out');
  });

  step('sign up signs the new user in', async () => {
    const form = page.getByRole('form', { name: 'Sign up' });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('status').filter({ hasText: 'Account created' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    assert.equal(await page.locator('#account-email').textContent(), email);
  });

  step('sign out, then a wrong password is refused and the right one signs in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').filter({ hasText: 'signed out' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('backforge.token')), null);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill('not the password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await form.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'New backend' }).waitFor();
    assert.ok(await page.evaluate(() => sessionStorage.getItem('backforge.token')));
  });

  step('the model select lists the models with the default marked and chosen', async () => {
    const select = page.getByLabel('Model');
    await page.waitForFunction(() => !document.querySelector('select[name=model]')?.disabled);
    const models = await (await page.request.get(`${stack.baseUrl}/api/models`)).json();
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
    assert.deepEqual(options.map(([v]) => v), models.models.map((m) => m.id));
    const def = models.models.find((m) => m.default);
    assert.equal(await select.inputValue(), def.id);
    assert.deepEqual(options.filter(([, text]) => text.includes('default')).map(([v]) => v), [def.id]);
  });

  step('generating from a prompt streams the stages and shows the result', async () => {
    await chooseModel('offline');
    await page.getByLabel('Describe the backend').fill(PROMPT);
    // Every stage the page marks as current is recorded from the mutation records (not the
    // end state), so the test sees each stage the stream delivered, in order, even when
    // several arrive in one network read.
    await page.evaluate(() => {
      window.seenStages = [];
      new MutationObserver((records) => {
        for (const r of records) {
          // oldValue null: the attribute was added (a removal always had a value).
          if (r.attributeName === 'aria-current' && r.oldValue === null) window.seenStages.push(r.target.dataset.stage);
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['aria-current'] });
    });
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const result = page.getByRole('region', { name: 'Generation result' });
    await result.getByRole('heading', { name: 'Generated todo-api' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await page.evaluate(() => window.seenStages), STAGES);
    const progress = page.getByRole('list', { name: 'Generation progress' });
    for (const stage of STAGES) {
      assert.equal(await progress.locator(`li[data-stage="${stage}"]`).getAttribute('data-state'), 'done');
    }
    await result.getByText('app/main.py').waitFor();
    await shot('02-generated');
  });

  step('the project is in the projects list', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    const row = page.getByRole('row').filter({ hasText: 'todo-api' });
    await row.waitFor();
    // Verification moves the status on (queued, verifying, then a result); any of them.
    await row.getByText(/^(queued|verifying|verified|failed|error)$/).waitFor();
    await row.getByRole('button', { name: 'Download todo-api' }).waitFor();
    await row.getByRole('button', { name: 'Delete todo-api' }).waitFor();
    await page.getByText('1 project', { exact: true }).waitFor();
    await shot('03-projects');
  });

  step('the project page shows versions, the spec and the file browser', async () => {
    await page.getByRole('link', { name: 'Todo API' }).click();
    await page.getByRole('heading', { name: 'Todo API', level: 2 }).waitFor();
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.getByRole('rowheader', { name: 'v1' }).waitFor();
    const task = page.getByRole('table').filter({ has: page.locator('caption', { hasText: 'Task' }) });
    await task.getByRole('rowheader', { name: 'due_date' }).waitFor();
    assert.match(await task.getByRole('row').filter({ hasText: 'due_date' }).textContent(), /date/);
    await page.getByRole('region', { name: 'Review warnings' }).waitFor();
    const files = page.getByRole('navigation', { name: 'Project files' });
    await files.getByRole('link', { name: /^app\/main\.py,/ }).click();
    const code = page.getByLabel('Contents of app/main.py');
    await code.waitFor();
    const text = await code.textContent();
    assert.match(text, /FastAPI/);
    await shot('04-project');
  });

  step('the ZIP downloads through the token-carrying fetch', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download ZIP', exact: true }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^todo-api-v1\.zip$/);
    const file = join(artifacts, download.suggestedFilename());
    await download.saveAs(file);
    assert.ok(statSync(file).size > 1000, 'the ZIP is not empty');
    assert.equal(readFileSync(file).subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  });

  step('Preview shows entities, notes, files and the estimate without storing', async () => {
    await page.getByRole('link', { name: 'New backend' }).first().click();
    await chooseModel('offline');
    await page.getByLabel('Describe the backend').fill(PROMPT);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    await preview.locator('caption', { hasText: 'Project' }).waitFor();
    await preview.locator('caption', { hasText: 'Task' }).waitFor();
    const notes = preview.getByRole('region', { name: 'Planner notes' });
    await notes.getByText('entity Task').waitFor();
    for (const heading of [/^Understood \(\d+\)$/, /^Guessed \(\d+\)$/, /^Ignored \(\d+\)$/])
      await notes.getByRole('heading', { name: heading }).waitFor();
    await preview.getByRole('region', { name: 'Files' }).getByText('app/main.py').waitFor();
    await preview.getByRole('region', { name: 'Estimate' }).getByText('$0.0000').waitFor();
    await shot('05-preview');
  });

  step('a refused prompt shows the error in plain words with its details', async () => {
    await page.getByLabel('Describe the backend').fill('hello');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('could not find anything to build').waitFor();
    await alert.getByRole('list', { name: 'Error details' }).getByText('no entities recognized').waitFor();
    await alert.getByText('$.prompt').waitFor();
    assert.equal(await page.locator('li[data-state="failed"]').count(), 1);
    await shot('06-refused');
  });

  step('a provider that fails is explained as a 502', async (t) => {
    const values = await page.getByLabel('Model').locator('option').evaluateAll((os) => os.map((o) => o.value));
    if (!values.includes(DEAD_MODEL)) {
      t.skip(`no ${DEAD_MODEL} model on this stack`);
      return;
    }
    await chooseModel(DEAD_MODEL);
    await page.getByLabel('Describe the backend').fill(PROMPT);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('model provider failed').waitFor({ timeout: 20_000 });
    await alert.getByText('HTTP 502').waitFor();
    await shot('07-provider-failed');
  });

  step('a spec pasted under Advanced that is not JSON is pointed at', async () => {
    await page.getByRole('link', { name: 'Advanced' }).click();
    await page.getByLabel('Spec JSON').fill('{"name": ');
    await page.getByRole('button', { name: 'Preview spec' }).click();
    await page.getByRole('alert').getByText('not valid JSON').waitFor();
    await page.getByLabel('Spec JSON').fill('{"name": "empty", "entities": []}');
    await page.getByRole('button', { name: 'Generate from spec' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('The spec was refused by review.').waitFor();
    await alert.getByRole('list', { name: 'Error details' }).getByText('$.entities').waitFor();
    await shot('08-advanced-refused');
  });

  step('every name review rewrites is listed under Review warnings with its path', async () => {
    await page.getByLabel('Spec JSON').fill(JSON.stringify({
      spec_version: 1, name: 'Task Board',
      entities: [{ name: 'Task Item', fields: [{ name: 'Due Date', type: 'date' }] }],
    }));
    await page.getByRole('button', { name: 'Preview spec' }).click();
    const warnings = page.getByRole('region', { name: 'Preview' }).getByRole('region', { name: 'Review warnings' });
    const renamed = warnings.getByRole('listitem').filter({ hasText: '$.entities[0].name' });
    await renamed.getByText('entity name "Task Item" is written "TaskItem" (table task_items)').waitFor();
    await warnings.getByRole('listitem').filter({ hasText: '$.entities[0].fields[0].name' })
      .getByText('"Due Date" is written "due_date"').waitFor();
    await warnings.getByRole('listitem').filter({ hasText: '$.name' })
      .getByText('project name "Task Board" is written "task-board"').waitFor();
  });

  step('deleting asks first, then the project is gone', async () => {
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('button', { name: 'Delete todo-api' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Todo API?' });
    await dialog.waitFor();
    await shot('09-confirm-delete');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('row').filter({ hasText: 'todo-api' }).waitFor();
    await page.getByRole('button', { name: 'Delete todo-api' }).click();
    await dialog.getByRole('button', { name: 'Delete project' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted Todo API' }).waitFor();
    await page.getByText('No projects yet').waitFor();
  });

  step('the projects list pages through more than ten projects', async (t) => {
    for (let i = 0; i < 11; i++) {
      const r = await apiGenerate(`${PROMPT} ${i}`);
      if (r.status() === 429) {
        t.skip(`the daily quota of this stack ended after ${i} more generations`);
        return;
      }
      assert.equal(r.status(), 201, await r.text());
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    const pager = page.getByRole('navigation', { name: 'Pages' });
    await pager.getByText('Page 1 of 2 · 11 projects').waitFor();
    assert.equal(await page.getByRole('row').count(), 11); // header + 10
    assert.equal(await pager.getByRole('button', { name: 'Previous page' }).isDisabled(), true);
    await pager.getByRole('button', { name: 'Next page' }).click();
    await pager.getByText('Page 2 of 2').waitFor();
    assert.equal(await page.getByRole('row').count(), 2);
    assert.match(page.url(), /#\/projects\?page=2$/);
    await shot('10-page-two');
    // Deleting the only project of the last page steps back to the page before.
    await page.getByRole('button', { name: /^Delete / }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
    await page.getByText('10 projects', { exact: true }).waitFor();
    assert.match(page.url(), /#\/projects\?page=1$/);
    assert.equal(await page.getByRole('navigation', { name: 'Pages' }).count(), 0);
  });

  step('past the daily quota, generating says when the quota resets', async () => {
    // Use up what is left of today's quota through the API, then generate in the page.
    let left = 20;
    while (left-- > 0 && (await apiGenerate(PROMPT)).status() === 201);
    assert.ok(left >= 0, 'no 429 from the API after 20 generations');
    await page.getByRole('link', { name: 'New backend' }).first().click();
    await chooseModel('offline');
    await page.getByLabel('Describe the backend').fill(PROMPT);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const quota = page.getByRole('alert');
    // The headline gives the reset time from Retry-After in the reader's time zone (UTC
    // here, so midnight: the server's quota day ends then).
    await quota.getByText(/used today's generation quota\. It resets at .*00:00/).waitFor();
    await quota.getByText('HTTP 429 · quota_exceeded').waitFor();
    await shot('11-quota');
  });

  step('a lapsed token signs out with a message', async () => {
    await page.evaluate(() => sessionStorage.setItem('backforge.token', 'not-a-valid-token'));
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'session has ended' }).waitFor();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('backforge.token')), null);
  });

  step('sign in again and sign out', async () => {
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('backforge.token')), null);
  });

  step('no page errors or CSP refusals', async () => {
    assert.deepEqual(problems, []);
  });
});
