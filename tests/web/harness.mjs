// The shared set-up of the browser tests (tests/web/*.test.mjs): the built binaries, the
// second-origin "department website", one headless Chromium, and the helpers the tests use.
//
// A test file calls setUpSuite() once at its top level. Its before() hook indexes the corpus into a
// temporary folder, starts two small host sites on free loopback ports (one origin on the server's
// CORS allow-list, one not), starts tracuu-server on a free loopback port and launches Chromium with
// a fresh profile; its after() hook stops everything that file started (by pid / handle) and removes
// the folder. Every file is therefore runnable alone (`node --test tests/web/<file>`); node runs each
// file in its own process, so nothing is shared between files.
//
// The state the tests read (tracuu, allowedSite, otherSite, corsSupported) is exported with `let`:
// ES module bindings are live, so a test sees the values before() assigned.
//
// Environment (CTest sets it, see tests/CMakeLists.txt):
//   TRACUU_INDEX_BIN, TRACUU_SERVER_BIN   the built binaries
//   TRACUU_CORPUS_DIR                     the demo corpus to index
//   TRACUU_WEB_DIR                        the web pages the server serves
//   TRACUU_SCREENSHOT_DIR                 where screenshots go
//   TRACUU_CHROMIUM (optional)            the browser; default /usr/bin/chromium
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export const WAIT_MS = 10_000; // any single wait in the browser
const START_MS = 15_000;       // tracuu-server start-up
const INDEX_MS = 60_000;       // indexing the demo corpus
export const TEST_MS = 45_000; // one test
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export const env = {
  indexBin: process.env.TRACUU_INDEX_BIN,
  serverBin: process.env.TRACUU_SERVER_BIN,
  corpus: process.env.TRACUU_CORPUS_DIR,
  web: process.env.TRACUU_WEB_DIR,
  screenshots: process.env.TRACUU_SCREENSHOT_DIR || path.join(os.tmpdir(), 'tracuu-screenshots'),
  chromium: process.env.TRACUU_CHROMIUM || '/usr/bin/chromium',
};

// ---- state shared by the tests of one file, torn down in after() -----------------------------

let tmpDir = '';
export let tracuu = null;          // { child, port, base }
export let corsSupported = false;  // the server takes --cors-origin
const children = [];               // every process this file started
const hostServers = [];            // the node http servers this file started
let context = null;                // the browser (a persistent context with a fresh profile)
export let allowedSite = '';       // http://127.0.0.1:PORT — on the CORS allow-list
export let otherSite = '';         // http://127.0.0.1:PORT — not on it

export function log(...args) { console.log('tracuu-web:', ...args); }

// Last resort if the runner exits without after() (e.g. an exception in a hook).
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) { try { c.kill('SIGKILL'); } catch { /* gone */ } }
});

// ---- processes ---------------------------------------------------------------------------

function run(bin, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${bin} took more than ${timeoutMs} ms:\n${out}`)); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal, out }); });
  });
}

/** Starts tracuu-server on a free port; resolves once it prints the "serving … on http://…/" line. */
function startTracuu(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(env.serverBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '', err = '', done = false;
    const finish = (fn, value) => { if (!done) { done = true; clearTimeout(timer); fn(value); } };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(reject, new Error(`tracuu-server did not report its address within ${START_MS} ms\n${out}${err}`));
    }, START_MS);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /serving \d+ documents from .* on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(out);
      if (m) finish(resolve, { child, port: Number(m[2]), base: m[1] });
    });
    child.stderr.on('data', (d) => { err += d; if (err.length > 20000) err = err.slice(-10000); });
    child.on('error', (e) => finish(reject, e));
    child.on('exit', (code, signal) => finish(reject, new Error(`tracuu-server exited (${code ?? signal}) before serving:\n${out}${err}`)));
  });
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  // withTimeout clears its timer: a pending 5 s timer would keep node alive after the tests.
  const timedOut = await withTimeout(exited, 5000, `pid ${child.pid} after SIGTERM`).then(() => false, () => true);
  if (timedOut) {
    log(`pid ${child.pid} did not stop on SIGTERM within 5 s; killing it`);
    child.kill('SIGKILL');
    await withTimeout(exited, 2000, `pid ${child.pid} after SIGKILL`).catch((e) => log(String(e)));
  }
}

export function delay(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); }),
  ]);
}

// ---- plain HTTP (from node, not the browser) ---------------------------------------------

export function httpGet(url, { method = 'GET', headers = {} } = {}) {
  return withTimeout(new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  }), WAIT_MS, `${method} ${url}`);
}

export async function getJson(url) {
  const res = await httpGet(url, { headers: { Accept: 'application/json' } });
  let json = null;
  try { json = JSON.parse(res.body); } catch { /* not JSON */ }
  return { ...res, json };
}

// ---- the second-origin "department website" ---------------------------------------------

function hostPage(tracuuBase) {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sở Khoa học và Công nghệ — trang thử tiện ích tra cứu</title>
<link rel="stylesheet" href="/host.css">
<script src="/host.js"></script>
<script src="${tracuuBase}/widget.js" defer></script>
</head>
<body>
<header class="top"><a id="home" href="/">Trang chủ</a><h1>Sở Khoa học và Công nghệ tỉnh Ninh Bình</h1></header>
<main>
  <section class="box">
    <h2>Tra cứu văn bản</h2>
    <div id="w1" data-tracuu-search data-server="${tracuuBase}"><a href="${tracuuBase}/">Mở trang tra cứu văn bản</a></div>
  </section>
  <section class="box">
    <h2>Văn bản về chuyển đổi số</h2>
    <tracuu-search id="w2" data-size="3" data-label="Tìm nhanh (3 kết quả mỗi trang)"
      data-placeholder="Ví dụ: chuyển đổi số, 57-NQ/TW"></tracuu-search>
  </section>
  <section class="box">
    <h2>Kế hoạch của Ủy ban nhân dân tỉnh</h2>
    <div id="w3" data-tracuu-search data-server="${tracuuBase}/" data-size="5" data-type="Kế hoạch"
      data-issuer="Ủy ban nhân dân tỉnh Ninh Bình" data-year="2025|2026" data-target="_blank"></div>
  </section>
</main>
</body>
</html>
`;
}

// Deliberately unfriendly host styles: none of them may reach inside the widget.
const HOST_CSS = `
body { font-family: Georgia, "Times New Roman", serif; color: rgb(128, 0, 128); background: #fbfaf6;
       max-width: 860px; margin: 0 auto; padding: 0 16px 40px; line-height: 1.3; }
.top { display: flex; align-items: baseline; gap: 24px; border-bottom: 3px solid #8b1a1a; }
.top h1 { font-size: 22px; }
.box { margin: 20px 0; padding: 12px 16px; background: #fff; border: 1px solid #ddd; }
button, input { background: rgb(255, 0, 0) !important; border: 4px dashed lime !important; font-size: 30px !important; }
a { color: darkorange !important; }
li { list-style: square; margin: 20px !important; }
mark { background: black !important; color: white !important; }
`;

// Records CSP violations (the page may not run inline scripts, so this is a file of its own).
const HOST_JS = `window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
}, true);
`;

/** Serves the host page on a free loopback port; the tracuu address is looked up per request,
 *  so the site can start before tracuu-server (whose CORS allow-list needs the site's origin). */
function startHostSite() {
  const server = http.createServer((req, res) => {
    const tracuuBase = tracuu ? tracuu.base : 'http://127.0.0.1:9';
    const csp = [
      "default-src 'none'", `script-src 'self' ${tracuuBase}`, `connect-src ${tracuuBase}`, "style-src 'self'",
      "img-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
      "require-trusted-types-for 'script'", // no innerHTML from strings anywhere on the page
    ].join('; ');
    const url = new URL(req.url, 'http://localhost');
    const send = (status, type, body, extra = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
      res.end(body);
    };
    if (url.pathname === '/') send(200, 'text/html; charset=utf-8', hostPage(tracuuBase), { 'Content-Security-Policy': csp });
    else if (url.pathname === '/host.css') send(200, 'text/css; charset=utf-8', HOST_CSS);
    else if (url.pathname === '/host.js') send(200, 'text/javascript; charset=utf-8', HOST_JS);
    else if (url.pathname === '/favicon.ico') send(204, 'image/x-icon', '');
    else send(404, 'text/plain; charset=utf-8', 'not found');
  });
  hostServers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

// ---- browser helpers ----------------------------------------------------------------------

/** A new tab that records uncaught errors and CSP reports from the console. */
export async function openPage() {
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.setDefaultNavigationTimeout(WAIT_MS);
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) page.problems.push(`csp: ${m.text()}`);
  });
  return page;
}

export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], `the page reported errors:\n${page.problems.join('\n')}`);
}

/** "41" → "41", 1234 → "1.234" (how the pages format counts in Vietnamese). */
export function viNumber(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.'); }

export async function screenshot(page, name, fullPage = true) {
  const file = path.join(env.screenshots, name);
  await page.screenshot({ path: file, fullPage, timeout: WAIT_MS });
  log(`screenshot: ${file}`);
}

/** Runs action and resolves with the JSON of the next /api/search answer whose q is `q`. */
export async function searchAnswer(page, q, action) {
  const waiting = page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === '/api/search' && u.searchParams.get('q') === q;
  }, { timeout: WAIT_MS });
  await action();
  const res = await waiting;
  assert.equal(res.status(), 200, `/api/search?q=${q} answered ${res.status()}`);
  return res.json();
}

/** Presses Tab (at most `max` times) until `isFocused` holds in the page. */
export async function tabUntil(page, isFocused, max = 8) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isFocused)) return true;
  }
  return false;
}

/** 1515880000000 → "1.515,88 tỷ đồng" (how the pages write money; web/common.js formatVnd). */
export function viVnd(n) {
  const [unit, div] = n >= 1e9 ? ['tỷ đồng', 1e9] : n >= 1e6 ? ['triệu đồng', 1e6] : ['đồng', 1];
  const x = Math.round((n / div) * 1000) / 1000;
  const [int, frac] = String(x).split('.');
  return `${viNumber(int)}${frac ? `,${frac}` : ''} ${unit}`;
}

/** Screenshot of the top of an element (at most maxHeight pixels of it). */
export async function elementScreenshot(page, selector, name, maxHeight = 1600) {
  const box = await page.locator(selector).evaluate((e) => {
    e.scrollIntoView();
    const r = e.getBoundingClientRect();
    return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
  });
  const file = path.join(env.screenshots, name);
  await page.screenshot({ path: file, fullPage: true, timeout: WAIT_MS,
    clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: Math.min(box.height, maxHeight) + 16 } });
  log(`screenshot: ${file}`);
}

// ---- set-up and tear-down -----------------------------------------------------------------

let chromium;

/** Registers the before() and after() hooks of the calling test file (call it once, at top level). */
export function setUpSuite() {
  before(async () => {
    const t0 = Date.now();
    const missing = ['TRACUU_INDEX_BIN', 'TRACUU_SERVER_BIN', 'TRACUU_CORPUS_DIR', 'TRACUU_WEB_DIR']
      .filter((k) => !process.env[k]);
    assert.deepEqual(missing, [], `set ${missing.join(', ')} (CTest does; see tests/CMakeLists.txt)`);
    for (const f of [env.indexBin, env.serverBin, env.chromium]) assert.ok(fs.existsSync(f), `missing: ${f}`);
    try {
      ({ chromium } = await import('playwright-core'));
    } catch (e) {
      throw new Error(`playwright-core is not installed: run \`npm ci\` in tests/web (scripts/setup-debian.sh does) — ${e.message}`);
    }
    fs.mkdirSync(env.screenshots, { recursive: true });
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracuu-web-'));

    const indexed = await run(env.indexBin, ['--index', path.join(tmpDir, 'index'), env.corpus], INDEX_MS);
    assert.equal(indexed.code, 0, `tracuu-index failed:\n${indexed.out}`);
    const tIndexed = Date.now();

    // The host sites run first: the allowed one's origin goes on tracuu-server's CORS allow-list.
    allowedSite = await startHostSite();
    otherSite = await startHostSite();
    const help = await run(env.serverBin, ['--help'], WAIT_MS);
    corsSupported = /--cors-origin\b/.test(help.out);
    const args = ['--index', path.join(tmpDir, 'index'), '--host', '127.0.0.1', '--port', '0', '--web', env.web];
    if (corsSupported) args.push('--cors-origin', allowedSite);
    else log('SKIP NOTE: tracuu-server has no --cors-origin option yet; the cross-origin widget tests will be skipped');
    tracuu = await startTracuu(args);
    log(`tracuu-server pid ${tracuu.child.pid} at ${tracuu.base}; host sites ${allowedSite} (allowed), ${otherSite} (not allowed)`);

    const profile = path.join(tmpDir, 'chromium-profile');
    fs.mkdirSync(profile);
    context = await withTimeout(chromium.launchPersistentContext(profile, {
      executablePath: env.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      timeout: 30_000,
    }), 35_000, 'launching Chromium');
    for (const p of context.pages()) await p.close(); // the persistent context opens a blank tab
    const t1 = Date.now();
    log(`set-up: ${t1 - t0} ms (indexing ${tIndexed - t0} ms, tracuu-server and Chromium ${t1 - tIndexed} ms)`);
  }, { timeout: 100_000 });

  after(async () => {
    const t0 = Date.now();
    if (context) {
      try { await withTimeout(context.close(), 15_000, 'closing Chromium'); } catch (e) { log(String(e)); }
    }
    for (const s of hostServers) {
      if (s.closeAllConnections) s.closeAllConnections();
      await withTimeout(new Promise((resolve) => s.close(() => resolve())), 5000, 'closing a host site').catch((e) => log(String(e)));
    }
    for (const c of children) await stopChild(c);
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    log(`tear-down: ${Date.now() - t0} ms`);
  }, { timeout: 40_000 });
}
