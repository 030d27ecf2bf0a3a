// A private Backforge stack for the browser tests: scripts/stack on free ports under a
// temporary state directory (the same engine tests/integration/bfstack.py drives): nginx,
// the FastCGI pool, the platform's PostgreSQL, the verification PostgreSQL and the runner,
// which verifies every generated version in its sandbox for real.
// E2E_BASE_URL skips all this and points the tests at a stack that is already running.
import { spawn } from 'node:child_process';
import { mkdtempSync, chmodSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The LLM model of the private stack; its provider never answers.
export const DEAD_MODEL = 'e2e-unreachable';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// A TCP port nobody listens on right now (the kernel's pick for port 0).
function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

function run(argv, env, timeoutMs) {
  return new Promise((ok, fail) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); fail(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      ok({ code: code ?? (signal ? 128 : 1), out });
    });
  });
}

export class Stack {
  // env: settings on top of the defaults below (e.g. a live LLM provider for the fix loop).
  constructor({ env = {} } = {}) {
    this.extraEnv = env;
    this.external = process.env.E2E_BASE_URL || null;
    this.started = false;
  }

  async start() {
    if (this.external) {
      this.baseUrl = this.external.replace(/\/+$/, '');
      return;
    }
    // postgres runs as its own user and must traverse into the state directory.
    this.stateDir = mkdtempSync(join(tmpdir(), 'bf-e2e-stack-'));
    chmodSync(this.stateDir, 0o755);
    const [https, http, pg, vpg, dead] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    this.env = {
      ...process.env,
      BACKFORGE_STATE_DIR: this.stateDir,
      BACKFORGE_HTTPS_PORT: String(https),
      BACKFORGE_HTTP_PORT: String(http),
      BACKFORGE_PG_PORT: String(pg),
      BACKFORGE_VERIFY_PG_PORT: String(vpg),
      // The runner as the integration tests run it (tests/integration/bfstack.py): two
      // jobs at a time, a short lease and poll, a CPU limit reached quickly.
      BACKFORGE_RUNNER_SLOTS: process.env.E2E_RUNNER_SLOTS || '2',
      BACKFORGE_RUNNER_LEASE_S: '6',
      BACKFORGE_RUNNER_POLL_MS: '1000',
      BACKFORGE_SANDBOX_CPU_S: '20',
      BACKFORGE_WORKERS: process.env.E2E_WORKERS || '2',
      BACKFORGE_BUILD_DIR: process.env.BACKFORGE_BUILD_DIR || join(REPO, 'build'),
      // Room for the story's generation and the 11 that fill two pages of projects, and
      // then the 429.
      BACKFORGE_DAILY_QUOTA: '12',
      // An LLM model whose provider is a port nobody listens on: the model list has a
      // second entry, and choosing it fails fast with the 502 the dashboard must explain.
      BACKFORGE_LLM_BASE_URL: `http://127.0.0.1:${dead}/v1`,
      BACKFORGE_LLM_MODEL: DEAD_MODEL,
      BACKFORGE_LLM_MAX_RETRIES: '0',
      BACKFORGE_LLM_CONNECT_TIMEOUT_MS: '2000',
    };
    for (const key of ['BACKFORGE_LLM_API_KEY', 'BACKFORGE_LLM_API_KEY_FILE', 'BACKFORGE_LLM_MODELS']) delete this.env[key];
    Object.assign(this.env, this.extraEnv);
    this.baseUrl = `https://localhost:${https}`;
    const r = await run([join(REPO, 'scripts', 'stack'), 'start'], this.env, 120_000);
    this.started = true; // even a failed start may have left pieces running
    if (r.code !== 0) throw new Error(`scripts/stack start exited ${r.code}:\n${r.out.slice(-4000)}\n${this.logTails()}`);
  }

  logTails() {
    if (!this.stateDir) return '';
    return ['fcgi.log', 'nginx-error.log', 'postgres.log', 'runner.log', 'verify-pg.log'].map((name) => {
      const f = join(this.stateDir, 'log', name);
      if (!existsSync(f)) return '';
      const lines = readFileSync(f, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
      return lines ? `==> ${name} <==\n${lines}\n` : '';
    }).join('');
  }

  // Stops the stack; the state directory goes unless the run failed or E2E_KEEP is set.
  async stop({ failed = false } = {}) {
    if (this.external || !this.started) return;
    const r = await run([join(REPO, 'scripts', 'stack'), 'stop'], this.env, 90_000);
    this.started = false;
    if (r.code !== 0) process.stderr.write(`scripts/stack stop exited ${r.code}:\n${r.out}\n`);
    if (failed || process.env.E2E_KEEP) process.stderr.write(`stack state kept in ${this.stateDir}\n`);
    else rmSync(this.stateDir, { recursive: true, force: true });
  }
}

// Records the time of every request the page makes to a path matching pathRe (the polling
// of a project or of the list): { times, stop() }.
export function recordRequests(page, pathRe) {
  const times = [];
  const onRequest = (r) => { if (pathRe.test(new URL(r.url()).pathname)) times.push(Date.now()); };
  page.on('request', onRequest);
  return { times, stop: () => page.off('request', onRequest) };
}

// Loads url `loads` times in a fresh tab of context, each a real navigation (after
// about:blank), and times each from navigation start until every one of `selectors` is in
// the DOM. Each load: { rendered, html, assets, api, requests } (ms since navigation
// start: the HTML, the last /assets/ and /api/ answers; requests made). Shared by the
// browser tests' figures and bench/dashboard.
export async function firstRenders(context, url, selectors, loads) {
  const page = await context.newPage();
  await page.addInitScript((sels) => {
    new MutationObserver((_, obs) => {
      if (sels.every((s) => document.querySelector(s))) { window.renderedAt = performance.now(); obs.disconnect(); }
    }).observe(document, { subtree: true, childList: true });
  }, selectors);
  const runs = [];
  for (let i = 0; i < loads; i += 1) {
    await page.goto('about:blank');
    await page.goto(url);
    await page.waitForFunction(() => window.renderedAt !== undefined, null, { timeout: 30_000 });
    runs.push(await page.evaluate(() => {
      const res = performance.getEntriesByType('resource');
      const end = (re) => Math.max(0, ...res.filter((e) => re.test(e.name)).map((e) => e.responseEnd));
      return {
        rendered: window.renderedAt,
        html: performance.getEntriesByType('navigation')[0].responseEnd,
        assets: end(/\/assets\//),
        api: end(/\/api\//),
        requests: res.length + 1,
      };
    }));
  }
  await page.close();
  return runs;
}

// The best of `loads` first renders, in whole ms (the browser tests' figure).
export async function bestFirstRender(context, url, selectors, loads = 3) {
  const runs = await firstRenders(context, url, selectors, loads);
  return Math.round(Math.min(...runs.map((r) => r.rendered)));
}
