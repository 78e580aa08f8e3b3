// Browser tests of the search page, the document page (with its references, budget and graph), the
// reference page (/ref/{key}) and the embeddable widget (web/widget.js),
// run with node's built-in test runner against Debian's Chromium through playwright-core.
//
// CTest runs this file as `web.browser` (see tests/CMakeLists.txt) and passes, as environment:
//   TRACUU_INDEX_BIN, TRACUU_SERVER_BIN   the built binaries
//   TRACUU_CORPUS_DIR                     the demo corpus to index
//   TRACUU_WEB_DIR                        the web pages the server serves
//   TRACUU_SCREENSHOT_DIR                 where screenshots go
//   TRACUU_CHROMIUM (optional)            the browser; default /usr/bin/chromium
// By hand: `cd tests/web && npm ci`, then set those variables and run `node --test browser.test.mjs`.
//
// The suite indexes the corpus into a temporary folder, starts tracuu-server on a free loopback
// port and two small "department website" servers on other ports (one origin on the server's
// CORS allow-list, one not), and drives one headless Chromium with a fresh profile. Everything it
// starts is stopped in after(); every wait has a timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const WAIT_MS = 10_000;        // any single wait in the browser
const START_MS = 15_000;       // tracuu-server start-up
const INDEX_MS = 60_000;       // indexing the demo corpus
const TEST_MS = 45_000;        // one test
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

const env = {
  indexBin: process.env.TRACUU_INDEX_BIN,
  serverBin: process.env.TRACUU_SERVER_BIN,
  corpus: process.env.TRACUU_CORPUS_DIR,
  web: process.env.TRACUU_WEB_DIR,
  screenshots: process.env.TRACUU_SCREENSHOT_DIR || path.join(os.tmpdir(), 'tracuu-screenshots'),
  chromium: process.env.TRACUU_CHROMIUM || '/usr/bin/chromium',
};

// ---- state shared by the tests, torn down in after() ---------------------------------------

let tmpDir = '';
let tracuu = null;          // { child, port, base }
let corsSupported = false;  // the server takes --cors-origin
const children = [];        // every process this file started
const hostServers = [];     // the node http servers this file started
let context = null;         // the browser (a persistent context with a fresh profile)
let allowedSite = '';       // http://127.0.0.1:PORT — on the CORS allow-list
let otherSite = '';         // http://127.0.0.1:PORT — not on it

function log(...args) { console.log('tracuu-web:', ...args); }

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
  const timedOut = await Promise.race([exited.then(() => false), delay(5000).then(() => true)]);
  if (timedOut) {
    log(`pid ${child.pid} did not stop on SIGTERM within 5 s; killing it`);
    child.kill('SIGKILL');
    await Promise.race([exited, delay(2000)]);
  }
}

function delay(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); }),
  ]);
}

// ---- plain HTTP (from node, not the browser) ---------------------------------------------

function httpGet(url, { method = 'GET', headers = {} } = {}) {
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

async function getJson(url) {
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
async function openPage() {
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

function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], `the page reported errors:\n${page.problems.join('\n')}`);
}

/** "41" → "41", 1234 → "1.234" (how the pages format counts in Vietnamese). */
function viNumber(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.'); }

async function screenshot(page, name, fullPage = true) {
  const file = path.join(env.screenshots, name);
  await page.screenshot({ path: file, fullPage, timeout: WAIT_MS });
  log(`screenshot: ${file}`);
}

/** Runs action and resolves with the JSON of the next /api/search answer whose q is `q`. */
async function searchAnswer(page, q, action) {
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
async function tabUntil(page, isFocused, max = 8) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isFocused)) return true;
  }
  return false;
}

// ---- set-up and tear-down -----------------------------------------------------------------

let chromium;

before(async () => {
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
}, { timeout: 100_000 });

after(async () => {
  if (context) {
    try { await withTimeout(context.close(), 15_000, 'closing Chromium'); } catch (e) { log(String(e)); }
  }
  for (const s of hostServers) {
    if (s.closeAllConnections) s.closeAllConnections();
    await withTimeout(new Promise((resolve) => s.close(() => resolve())), 5000, 'closing a host site').catch((e) => log(String(e)));
  }
  for (const c of children) await stopChild(c);
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}, { timeout: 40_000 });

// ---- the search page ----------------------------------------------------------------------

test('search page: the box is reachable with Tab, Enter submits, diacritics do not matter', { timeout: TEST_MS }, async () => {
  const page = await openPage();
  try {
    await page.goto(`${tracuu.base}/`);
    assert.ok(await tabUntil(page, () => document.activeElement && document.activeElement.id === 'q'),
      'Tab never reached the search box');

    const plain = await searchAnswer(page, 'uy ban nhan dan', async () => {
      await page.keyboard.type('uy ban nhan dan');
      await page.keyboard.press('Enter');
    });
    assert.ok(plain.total > 0, 'no results for "uy ban nhan dan"');
    await page.locator('#summary', { hasText: `Tìm thấy ${viNumber(plain.total)} văn bản` }).waitFor();
    const plainShown = await page.locator('#results > li.result').count();
    const plainMarks = await page.locator('#results .result-snippet mark').count();
    assert.equal(plainShown, plain.results.length);
    assert.ok(plainMarks > 0, 'no highlighted words for "uy ban nhan dan"');
    assert.match(page.url(), /\?q=uy(\+|%20)ban/);

    const accented = await searchAnswer(page, 'Ủy ban nhân dân', async () => {
      await page.locator('#q').fill('Ủy ban nhân dân');
      await page.locator('#q').press('Enter');
    });
    await page.locator('#summary', { hasText: `Tìm thấy ${viNumber(accented.total)} văn bản` }).waitFor();
    await page.waitForFunction(() => !document.body.classList.contains('is-loading'), null, { timeout: WAIT_MS });
    const accentedShown = await page.locator('#results > li.result').count();
    const accentedMarks = await page.locator('#results .result-snippet mark').count();

    assert.equal(accented.total, plain.total, 'with and without diacritics: different totals');
    assert.equal(accentedShown, plainShown, 'with and without diacritics: different numbers of results shown');
    // Accented words rank exact spellings first, so page 1 may hold other documents (with other
    // snippets): every shown result must still be highlighted.
    assert.ok(accentedMarks >= accentedShown, 'with diacritics: a result without highlighted words');
    assert.ok(plainMarks >= plainShown, 'without diacritics: a result without highlighted words');
    log(`"uy ban nhan dan" / "Ủy ban nhân dân": ${plain.total} documents, ${plainShown} shown, ${plainMarks} / ${accentedMarks} highlights`);
    assertNoProblems(page);
  } finally {
    await page.close();
  }
});

test('search page: suggestions from the third letter in a labelled combobox, by keyboard, mouse and on a phone', { timeout: TEST_MS }, async (t) => {
  const page = await openPage();
  const suggested = []; // the q of every /api/suggest request, in order
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/suggest') suggested.push(u.searchParams.get('q'));
  });
  try {
    await page.goto(`${tracuu.base}/`);
    const box = page.locator('#q');
    const list = page.locator('#q-suggestions');
    const options = list.locator('[role="option"]');
    await box.focus();

    await t.test('the box is a combobox controlling a labelled listbox', async () => {
      assert.equal(await box.getAttribute('role'), 'combobox');
      assert.equal(await box.getAttribute('aria-autocomplete'), 'list');
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
      assert.equal(await box.getAttribute('aria-controls'), await list.getAttribute('id'));
      assert.equal(await list.getAttribute('role'), 'listbox');
      assert.ok(await list.getAttribute('aria-label'), 'the listbox has no label');
      assert.equal((await page.locator('label[for="q"]').textContent()).trim(), 'Tìm kiếm văn bản');
    });

    await t.test('two letters ask for nothing and show nothing', async () => {
      await page.keyboard.type('ng', { delay: 90 });
      await delay(500); // > the page's 120 ms debounce
      assert.deepEqual(suggested, [], 'suggestions were requested with fewer than three letters');
      assert.ok(!(await list.isVisible()), 'suggestions shown with fewer than three letters');
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
    });

    await t.test('"nghi quy" typed like a user lists "nghị quyết"; Escape, ArrowDown and Enter search it', async () => {
      await page.keyboard.type('hi quy', { delay: 90 }); // the box now holds "nghi quy"
      await page.waitForFunction(() => {
        const l = document.getElementById('q-suggestions');
        return !l.hidden && /nghị quyết/i.test(l.textContent);
      }, null, { timeout: WAIT_MS });
      assert.equal(suggested[suggested.length - 1], 'nghi quy');
      assert.ok(suggested.every((q) => [...q].length >= 3), `a request for fewer than three letters: ${suggested.join(' | ')}`);
      assert.equal(await box.getAttribute('aria-expanded'), 'true');
      const texts = (await options.locator('.suggestion-text').allTextContents()).map((x) => x.trim());
      const i = texts.findIndex((x) => /nghị quyết/i.test(x));
      assert.ok(i >= 0, `no option holds "Nghị quyết": ${texts.join(' | ')}`);
      await screenshot(page, 'search-suggestions.png', false);

      await page.keyboard.press('Escape');
      await list.waitFor({ state: 'hidden' });
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
      assert.equal(await box.inputValue(), 'nghi quy', 'Escape changed the text');

      await page.keyboard.press('ArrowDown'); // reopens with the first option active
      await list.waitFor({ state: 'visible' });
      for (let k = 0; k < i; k++) await page.keyboard.press('ArrowDown');
      const option = options.nth(i);
      assert.equal(await box.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
      assert.equal(await option.getAttribute('aria-selected'), 'true');
      if (i > 0) assert.equal(await options.nth(0).getAttribute('aria-selected'), 'false');
      const kind = await option.getAttribute('class');
      if (/kind-title/.test(kind)) { // a document whose title says it: Enter opens it
        await Promise.all([page.waitForURL(/\/doc\//, { timeout: WAIT_MS }), page.keyboard.press('Enter')]);
        return;
      }
      const data = await searchAnswer(page, texts[i], () => page.keyboard.press('Enter'));
      await list.waitFor({ state: 'hidden' });
      assert.equal(await box.inputValue(), texts[i]);
      await page.locator('#summary', { hasText: data.total > 0 ? `Tìm thấy ${viNumber(data.total)} văn bản` : 'Không tìm thấy' }).waitFor();
      assert.ok(new URL(page.url()).searchParams.get('q') === texts[i], `the address does not carry the query: ${page.url()}`);
      log(`"nghi quy": options ${texts.join(' | ')}; chose "${texts[i]}" → ${data.total} documents`);
    });

    await t.test('Enter on a title suggestion opens its document', async () => {
      await page.goto(`${tracuu.base}/`);
      await box.focus();
      await page.keyboard.type('hoat dong kh', { delay: 60 });
      const title = list.locator('[role="option"].kind-title').first();
      await title.waitFor({ timeout: WAIT_MS });
      const index = Number(await title.getAttribute('data-index'));
      const text = (await title.locator('.suggestion-text').textContent()).trim();
      for (let k = 0; k <= index; k++) await page.keyboard.press('ArrowDown');
      assert.equal(await box.getAttribute('aria-activedescendant'), await title.getAttribute('id'));
      await Promise.all([page.waitForURL(/\/doc\/[^/?#]+/, { timeout: WAIT_MS }), page.keyboard.press('Enter')]);
      await page.locator('h1', { hasText: text.slice(0, 30) }).first().waitFor({ timeout: WAIT_MS });
      log(`title suggestion "${text}" opened ${page.url()}`);
    });

    await t.test('on a phone the list fits the screen, options are large enough to tap, a tap searches', async () => {
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(`${tracuu.base}/`);
      await box.focus();
      await page.keyboard.type('ke hoa', { delay: 60 });
      await list.waitFor({ state: 'visible' });
      const m = await page.evaluate(() => {
        const l = document.getElementById('q-suggestions').getBoundingClientRect();
        const o = document.querySelector('#q-suggestions [role="option"]');
        const r = o.getBoundingClientRect();
        return { left: l.left, right: l.right, width: innerWidth, docWidth: document.documentElement.scrollWidth,
          optionHeight: r.height, fontSize: parseFloat(getComputedStyle(o).fontSize) };
      });
      assert.ok(m.left >= 0 && m.right <= m.width, `the list leaves the screen: ${JSON.stringify(m)}`);
      assert.ok(m.docWidth <= m.width, `the page scrolls sideways: ${JSON.stringify(m)}`);
      assert.ok(m.optionHeight >= 40, `options are too small to tap: ${m.optionHeight}px`);
      assert.ok(m.fontSize >= 14, `option text too small: ${m.fontSize}px`);
      await screenshot(page, 'search-suggestions-phone.png', false);
      const first = options.first();
      const text = (await first.locator('.suggestion-text').textContent()).trim();
      if (/kind-title/.test(await first.getAttribute('class'))) {
        await Promise.all([page.waitForURL(/\/doc\//, { timeout: WAIT_MS }), first.click()]);
      } else {
        await searchAnswer(page, text, () => first.click());
        await list.waitFor({ state: 'hidden' });
        assert.equal(await box.inputValue(), text);
      }
    });
    assertNoProblems(page);
  } finally {
    await page.close();
  }
});

test('search page: "nghi quyet 57" finds the Ninh Bình plan, highlighted; facets narrow; the document opens', { timeout: TEST_MS }, async (t) => {
  const page = await openPage();
  try {
    await page.goto(`${tracuu.base}/`);
    const data = await searchAnswer(page, 'nghi quyet 57', async () => {
      await page.locator('#q').fill('nghi quyet 57');
      await page.locator('#q').press('Enter');
    });
    await page.locator('#summary', { hasText: `Tìm thấy ${viNumber(data.total)} văn bản` }).waitFor();
    const hit = page.locator('#results > li.result', { has: page.locator('a[href*="kh13-2025-ninh-binh"]') }).first();
    await hit.waitFor();
    assert.ok(await hit.locator('.result-snippet mark').count() > 0, 'the Ninh Bình plan has no <mark> in its snippet');
    const marked = (await hit.locator('.result-snippet mark').allTextContents()).join(' | ');
    log(`Ninh Bình plan highlights: ${marked}`);
    await screenshot(page, 'search-page.png');

    await t.test('a facet narrows the results and shows a removable chip', async (st) => {
      const groups = Object.entries(data.facets || {}).filter(([, v]) => Array.isArray(v) && v.length > 0);
      if (groups.length === 0) {
        log('SKIP: /api/search answers no facets yet (facets: {}); facet clicking not tested');
        st.skip('the API answer has no facets yet');
        return;
      }
      // Prefer a value that really narrows the result set.
      let pick = null;
      for (const [key, values] of groups) {
        const v = values.find((x) => typeof x.count === 'number' && x.count > 0 && x.count < data.total);
        if (v) { pick = { key, ...v }; break; }
      }
      if (!pick) pick = { key: groups[0][0], ...groups[0][1][0] };
      const value = String(pick.value);
      const link = page.locator('#facet-groups a.facet-link', { has: page.locator('.facet-value', { hasText: value }) }).first();
      await link.waitFor();
      const narrowed = await searchAnswer(page, 'nghi quyet 57', () => link.click());
      await page.locator('#summary', { hasText: `Tìm thấy ${viNumber(narrowed.total)} văn bản` }).waitFor();
      assert.ok(narrowed.total <= data.total, 'a facet made the result set larger');
      if (pick.count < data.total) assert.ok(narrowed.total < data.total, `facet ${pick.key}=${value} did not narrow the results`);
      if (typeof pick.count === 'number') assert.equal(narrowed.total, pick.count, `facet ${pick.key}=${value}: count differs from the results`);
      assert.equal(new URL(page.url()).searchParams.get(pick.key), value);
      const chip = page.locator('#filters a.chip', { hasText: value });
      await chip.waitFor();
      log(`facet ${pick.key}=${value}: ${data.total} → ${narrowed.total}`);
      const restored = await searchAnswer(page, 'nghi quyet 57', () => chip.click());
      assert.equal(restored.total, data.total, 'removing the chip did not restore the results');
      await page.locator('#filters').waitFor({ state: 'hidden' });
      assert.equal(new URL(page.url()).searchParams.get(pick.key), null);
    });

    await t.test('opening a result shows the document with its text highlighted', async () => {
      const link = page.locator('#results a[href*="kh13-2025-ninh-binh"]').first();
      await link.waitFor();
      await Promise.all([page.waitForURL(/\/doc\/kh13-2025-ninh-binh/, { timeout: WAIT_MS }), link.click()]);
      await page.locator('#doc').waitFor({ state: 'visible' });
      const title = (await page.locator('#doc-title').textContent()).trim();
      assert.ok(title.length > 10, `empty document title: "${title}"`);
      const text = await page.locator('#doc-text').textContent();
      assert.ok(text.length > 1000, `document text too short (${text.length} characters)`);
      assert.match(text, /Nghị quyết/);
      const marks = await page.locator('#doc-text mark.hit').count();
      assert.ok(marks > 0, 'no highlights in the document text');
      await page.locator('#hitbar').waitFor({ state: 'visible' });
      assert.match(await page.locator('#hitbar-info').textContent(), /vị trí khớp/);
      log(`document "${title}": ${text.length} characters, ${marks} highlights`);
      await page.locator('#hit-next').click(); // jump to the first highlight for the screenshot
      await page.locator('#doc-text mark.hit.is-current').waitFor();
      await screenshot(page, 'document-page.png', false); // the whole text would be a 7 MB image
    });
    assertNoProblems(page);
  } finally {
    await page.close();
  }
});

// ---- the document page's links and budget, the reference page --------------------------

const PLAN = 'kh13-2025-ninh-binh';
const KEY57 = '57-NQ/TW';

/** 1515880000000 → "1.515,88 tỷ đồng" (how the pages write money; web/common.js formatVnd). */
function viVnd(n) {
  const [unit, div] = n >= 1e9 ? ['tỷ đồng', 1e9] : n >= 1e6 ? ['triệu đồng', 1e6] : ['đồng', 1];
  const x = Math.round((n / div) * 1000) / 1000;
  const [int, frac] = String(x).split('.');
  return `${viNumber(int)}${frac ? `,${frac}` : ''} ${unit}`;
}

/** Screenshot of the top of an element (at most maxHeight pixels of it). */
async function elementScreenshot(page, selector, name, maxHeight = 1600) {
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

test('document page: references grouped by key, budget table with checks, neighbourhood graph', { timeout: TEST_MS }, async (t) => {
  const api = await getJson(`${tracuu.base}/api/documents/${PLAN}`);
  assert.equal(api.status, 200, `/api/documents/${PLAN} answered ${api.status}`);
  const refs57 = api.json.references.filter((r) => r.key === KEY57);
  assert.ok(refs57.length > 1, `the plan should cite ${KEY57} several times`);
  const page = await openPage();
  try {
    await page.goto(`${tracuu.base}/doc/${PLAN}`);
    await page.locator('#doc').waitFor({ state: 'visible' });

    await t.test(`"Văn bản được dẫn chiếu" lists ${KEY57} once, with its relation, count and citing sentences`, async () => {
      const entry = page.locator(`#references li.ref[data-key="${KEY57}"]`);
      await entry.waitFor();
      assert.equal(await entry.count(), 1, 'repeated citations of one key must be one entry');
      assert.match(await entry.locator('.ref-head').textContent(), new RegExp(`${KEY57.replace('/', '\\/')}\\s*${refs57.length} lần`));
      for (const rel of new Set(refs57.map((r) => r.relation))) {
        await entry.locator('.ref-head .badge', { hasText: rel }).first().waitFor();
      }
      const first = entry.locator('.ref-context').first();
      assert.match(await first.textContent(), /Nghị quyết/);
      assert.match(await first.locator('mark.cite').first().textContent(), /^57-\s*NQ\/TW$/, 'the cited number is not highlighted');
      // Not held → the reference page; held → the document.
      const target = refs57.find((r) => r.target)?.target;
      const want = target ? `/doc/${encodeURIComponent(target.id)}` : `/ref/${encodeURIComponent(KEY57)}`;
      assert.equal(await entry.locator('.ref-head a').getAttribute('href'), want);
      // The other sentences are collapsed; the keyboard opens them.
      const details = entry.locator('details.more-contexts');
      assert.equal(await details.getAttribute('open'), null);
      await details.locator('summary').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((k) => document.querySelector(`#references li[data-key="${k}"] details`).open, KEY57, { timeout: WAIT_MS });
      const distinct = new Set(refs57.map((r) => r.context.trim())).size;
      assert.equal(await entry.locator('.ref-context').count(), distinct, 'not every citing sentence is listed');
      // Each sentence links to its place in the text.
      const jump = await entry.locator('.context-meta a', { hasText: 'Đến vị trí trong văn bản' }).first().getAttribute('href');
      assert.equal(await page.locator(jump).count(), 1, `no anchor ${jump} in the text`);
      const dateFlag = refs57.some((r) => (r.flags || []).includes('date_conflict'));
      if (dateFlag) await entry.locator('.flag', { hasText: 'Ngày ban hành trích dẫn không thống nhất' }).first().waitFor();
      const typo = api.json.references.find((r) => (r.flags || []).includes('probable_typo'));
      if (typo) {
        const suggested = typo.suggested_key.split('@')[0];
        await page.locator(`#references li.ref[data-key="${typo.key}"] .flag`, { hasText: `Có thể viết nhầm, có lẽ là ${suggested}` }).first().waitFor();
      }
      await elementScreenshot(page, '#references', 'document-references.png', 1400);
    });

    await t.test('"Dự toán ngân sách": 1.093 tỷ đồng checked ✓, 666,3 tỷ đồng under it, a total and a CSV link', async () => {
      const rows = page.locator('#budget table.budget tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), api.json.budget_lines.length);
      const parent = rows.filter({ has: page.locator('.budget-amount', { hasText: '1.093 tỷ đồng' }) });
      assert.equal(await parent.count(), 1);
      const parentId = await parent.getAttribute('data-line-id');
      const check = api.json.budget_checks.find((c) => c.line_id === parentId);
      assert.ok(check && check.ok, 'the API has no passing check for the 1.093 tỷ đồng line');
      const ok = parent.locator('.check-ok');
      assert.match(await ok.textContent(), /✓/);
      assert.ok((await ok.textContent()).includes(check.message), 'the check message is not shown');
      const child = rows.filter({ has: page.locator('.budget-amount', { hasText: '666,3 tỷ đồng' }) });
      assert.equal(await child.count(), 1);
      assert.equal(await child.getAttribute('data-parent-id'), await parent.getAttribute('data-line-id'));
      assert.match(await child.getAttribute('class'), /\bchild\b/);
      const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent));
      const pi = order.findIndex((s) => s.includes('1.093 tỷ đồng')), ci = order.findIndex((s) => s.includes('666,3 tỷ đồng'));
      assert.ok(ci > pi, 'the child line is not listed under its parent');
      const indent = await child.locator('th').evaluate((e) => parseFloat(getComputedStyle(e).paddingLeft));
      const rootIndent = await parent.locator('th').evaluate((e) => parseFloat(getComputedStyle(e).paddingLeft));
      assert.ok(indent > rootIndent, 'the child line is not indented');
      assert.equal(await child.locator(`a[href="/ref/${encodeURIComponent(KEY57)}"]`).count(), 1, 'the line\'s reference is not linked');
      assert.match(await child.textContent(), /Chi thường xuyên/);
      assert.match(await child.textContent(), /2026/);
      const budget = await getJson(`${tracuu.base}/api/budget?doc=${PLAN}`);
      assert.match(await page.locator('#budget tfoot').textContent(), new RegExp(viVnd(budget.json.total_vnd).replace(/[.,]/g, '\\$&')));
      const csv = page.locator('#budget a', { hasText: 'Tải CSV' });
      assert.equal(await csv.getAttribute('href'), `/api/budget.csv?doc=${PLAN}`);
      const got = await httpGet(`${tracuu.base}/api/budget.csv?doc=${PLAN}`);
      assert.equal(got.status, 200);
      assert.match(String(got.headers['content-type']), /text\/csv/);
      await elementScreenshot(page, '#budget', 'document-budget.png');
    });

    await t.test('"Sơ đồ liên kết": an SVG with linked nodes, a text alternative, usable by keyboard and on a phone', async () => {
      const svg = page.locator('#graph svg.graph');
      await svg.waitFor();
      assert.match(await svg.getAttribute('aria-label'), /Sơ đồ liên kết/);
      const nodes = svg.locator('a.node');
      const n = await nodes.count();
      assert.ok(n > 1 && n <= 2 * 21, `unexpected number of nodes: ${n}`);
      const hrefs = await nodes.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.every((h) => /^(\/(ref|doc)\/|#)/.test(h)), `a node links elsewhere: ${hrefs.join(' ')}`);
      assert.ok(hrefs.includes(`/ref/${encodeURIComponent(KEY57)}`), `no node for ${KEY57}`);
      const alt = page.locator(`#${await svg.getAttribute('aria-describedby')}`);
      assert.ok(await alt.locator('li', { hasText: KEY57 }).count() > 0, 'the hidden list does not name the nodes');
      await elementScreenshot(page, '#graph', 'document-graph.png');

      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('#graph svg.graph-narrow').waitFor();
      const scale = await page.locator('#graph svg.graph').evaluate((e) => e.getBoundingClientRect().width / e.viewBox.baseVal.width);
      assert.ok(scale > 0.85, `on a phone the graph is drawn at ${scale.toFixed(2)}× — too small to read`);
      await elementScreenshot(page, '#graph', 'document-graph-phone.png', 1200);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.locator('#graph svg.graph-wide').waitFor();

      const node57 = page.locator(`#graph a.node[href="/ref/${encodeURIComponent(KEY57)}"]`);
      await node57.focus();
      assert.ok(await node57.evaluate((a) => document.activeElement === a), 'a graph node cannot take the focus');
      await Promise.all([page.waitForURL(/\/ref\/57-NQ%2FTW$/, { timeout: WAIT_MS }), page.keyboard.press('Enter')]);
      await page.locator('#ref-title', { hasText: KEY57 }).waitFor();
    });
    assertNoProblems(page);
  } finally {
    await page.close();
  }
});

test(`reference page: ${KEY57} lists the plan, both dates, conflicts and its budget line`, { timeout: TEST_MS }, async () => {
  const api = await getJson(`${tracuu.base}/api/references/${encodeURIComponent(KEY57)}`);
  assert.equal(api.status, 200, `/api/references/${KEY57} answered ${api.status}`);
  const page = await openPage();
  try {
    await page.goto(`${tracuu.base}/ref/${encodeURIComponent(KEY57)}`);
    await page.locator('#ref').waitFor({ state: 'visible' });
    assert.equal((await page.locator('#ref-title').textContent()).trim(), KEY57);
    assert.match(await page.title(), /57-NQ\/TW/);
    if (!api.json.document) await page.locator('#held.not-held').waitFor();

    const plan = page.locator('#cited-by li.citing', { has: page.locator(`a[href="/doc/${PLAN}"]`) });
    await plan.waitFor();
    const citing = api.json.cited_by.find((c) => c.id === PLAN);
    assert.match(await plan.locator('.ref-meta').textContent(), new RegExp(`${citing.count} lần dẫn chiếu`));
    for (const rel of citing.relations) await plan.locator('.badge', { hasText: rel }).first().waitFor();
    assert.ok(await plan.locator('.ref-context mark.cite').count() > 0, 'the key is not highlighted in the citing sentences');
    assert.equal(await page.locator('#cited-by li.citing').count(), api.json.cited_by.length);

    const dates = await page.locator('#dates').textContent();
    assert.match(dates, /22\/12\/2024/);
    assert.match(dates, /22\/12\/2025/);
    const warnings = page.locator('#conflicts li.warning');
    assert.equal(await warnings.count(), api.json.conflicts.length);
    await page.locator('#conflicts li.warning', { hasText: '22/12/2025' }).first().waitFor();
    assert.doesNotMatch(await page.locator('#conflicts').textContent(), /cited with|probably meaning/, 'a conflict is shown in English');

    const line = page.locator('#budget tbody tr', { has: page.locator('.budget-amount', { hasText: '666,3 tỷ đồng' }) });
    await line.first().waitFor();
    assert.ok(await line.locator(`a[href="/doc/${PLAN}"]`).count() > 0, 'the budget line does not link to the plan');
    assert.equal(await page.locator('#budget a', { hasText: 'Tải CSV' }).getAttribute('href'), `/api/budget.csv?ref=${encodeURIComponent(KEY57)}`);
    assert.match(await page.locator('#budget tfoot').textContent(), new RegExp(viVnd(api.json.budget.total_vnd).replace(/[.,]/g, '\\$&')));
    await screenshot(page, 'reference-page.png');

    // A key nothing has or cites: a Vietnamese "not found", and a way to search the text.
    await page.goto(`${tracuu.base}/ref/${encodeURIComponent('999-XX/YY')}`);
    await page.locator('#error').waitFor({ state: 'visible' });
    assert.match(await page.locator('#error h1').textContent(), /Không tìm thấy số hiệu/);
    assert.match(await page.locator('#alert').textContent(), /999-XX\/YY/);
    assertNoProblems(page);
  } finally {
    await page.close();
  }
});

// ---- the widget, embedded on another origin -----------------------------------------------

test('widget on another origin: results, suggestions, keyboard, independent widgets', { timeout: TEST_MS }, async (t) => {
  if (!corsSupported) {
    log('SKIP: tracuu-server has no --cors-origin option yet, so pages of other origins cannot call the API');
    t.skip('tracuu-server has no --cors-origin option yet');
    return;
  }
  const page = await openPage();
  const suggestRequests = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/suggest') suggestRequests.push(r.url()); });
  try {
    await page.goto(`${allowedSite}/`);
    const w1 = page.locator('#w1');
    const box1 = w1.locator('input[role="combobox"]');
    await box1.waitFor();

    await t.test('mounts in a shadow root, styled despite the host CSP and host styles', async () => {
      const info = await page.evaluate(() => {
        const host = document.getElementById('w1');
        const root = host.shadowRoot;
        const btn = root && root.querySelector('button[type="submit"]');
        const input = root && root.querySelector('input');
        return {
          shadow: !!root,
          widget: window.TracuuWidget && window.TracuuWidget.server,
          button: btn && getComputedStyle(btn).backgroundColor,
          buttonText: btn && btn.textContent,
          inputBorder: input && getComputedStyle(input).borderTopStyle,
          color: root && getComputedStyle(root.querySelector('.tc')).color,
          label: root && root.querySelector('label').textContent,
          csp: window.__csp,
          w2: !!(document.getElementById('w2').shadowRoot),
        };
      });
      assert.ok(info.shadow, 'the widget did not attach a shadow root');
      assert.ok(info.w2, 'the <tracuu-search> element was not turned into a widget');
      assert.equal(info.widget, tracuu.base, 'the default server is not where widget.js came from');
      assert.equal(info.button, 'rgb(26, 77, 143)', 'widget styles missing (or the host page\'s leaked in)');
      assert.equal(info.buttonText, 'Tìm');
      assert.equal(info.inputBorder, 'solid', 'the host page\'s input style leaked into the widget');
      assert.notEqual(info.color, 'rgb(128, 0, 128)', 'the host page\'s text colour leaked into the widget');
      assert.equal(info.label, 'Tra cứu văn bản');
      assert.deepEqual(info.csp, [], `CSP violations on the host page: ${info.csp.join('; ')}`);
    });

    await t.test('Tab reaches the search box; typing and Enter show results', async () => {
      assert.ok(await tabUntil(page, () => {
        const root = document.getElementById('w1').shadowRoot;
        return !!root && !!root.activeElement && root.activeElement.getAttribute('role') === 'combobox';
      }), 'Tab never reached the widget\'s search box');
      const q = 'ke hoach chuyen doi so';
      const data = await searchAnswer(page, q, async () => {
        await page.keyboard.type(q);
        await page.keyboard.press('Enter');
      });
      assert.ok(data.total > 0, `no results for "${q}"`);
      const status = w1.locator('.tc-status', { hasText: `Tìm thấy ${viNumber(data.total)} văn bản` });
      await status.waitFor();
      const items = w1.locator('.tc-results > li.tc-result');
      assert.equal(await items.count(), data.results.length);
      const href = await items.first().locator('.tc-title a').getAttribute('href');
      assert.ok(href.startsWith(`${tracuu.base}/doc/${encodeURIComponent(data.results[0].id)}?q=`), `unexpected link: ${href}`);
      assert.ok(href.includes('q=ke%20hoach%20chuyen%20doi%20so'), `the link does not carry the query: ${href}`);
      assert.ok(await w1.locator('.tc-snippet mark').count() > 0, 'no <mark> in the widget\'s snippets');
      // Pages: 'Trước' disabled on page 1, 'Sau' leads to page 2.
      if (data.total > data.results.length) {
        const pager = w1.locator('nav.tc-pager');
        await pager.waitFor();
        assert.ok(await pager.locator('button', { hasText: 'Trước' }).isDisabled());
        const page2 = await searchAnswer(page, q, () => pager.locator('button', { hasText: 'Sau' }).click());
        await w1.locator('.tc-page', { hasText: 'Trang 2/' }).waitFor();
        assert.equal(await items.count(), page2.results.length);
        assert.equal(await items.first().locator('.tc-title a').textContent(), page2.results[0].title);
        await searchAnswer(page, q, () => pager.locator('button', { hasText: 'Trước' }).click());
        await w1.locator('.tc-page', { hasText: 'Trang 1/' }).waitFor();
      }
    });

    await t.test('two widgets on one page work independently', async () => {
      const w2 = page.locator('#w2');
      const before1 = await w1.locator('.tc-status').textContent();
      const first1 = await w1.locator('.tc-results > li.tc-result .tc-title a').first().textContent();
      const box2 = w2.locator('input[role="combobox"]');
      assert.equal(await box2.getAttribute('placeholder'), 'Ví dụ: chuyển đổi số, 57-NQ/TW');
      const data = await searchAnswer(page, 'chuyển đổi số', async () => {
        await box2.fill('chuyển đổi số');
        await box2.press('Enter');
      });
      assert.ok(data.total > 3, 'expected more than one page of results for "chuyển đổi số"');
      await w2.locator('.tc-status', { hasText: `Tìm thấy ${viNumber(data.total)} văn bản` }).waitFor();
      assert.equal(await w2.locator('.tc-results > li.tc-result').count(), 3, 'data-size="3" not honoured');
      await w2.locator('nav.tc-pager').waitFor();
      assert.equal(await w1.locator('.tc-status').textContent(), before1, 'searching in the second widget changed the first');
      assert.equal(await w1.locator('.tc-results > li.tc-result .tc-title a').first().textContent(), first1);
      assert.equal(await box1.inputValue(), 'ke hoach chuyen doi so');
      await screenshot(page, 'widget-page.png');
    });

    await t.test('suggestions appear after three letters and work with the keyboard', async (st) => {
      const probe = await getJson(`${tracuu.base}/api/suggest?q=ngh&size=8`);
      if (probe.status === 404) {
        log('SKIP: GET /api/suggest answers 404; as-you-type suggestions not tested');
        st.skip('GET /api/suggest answers 404 (not implemented yet)');
        return;
      }
      assert.equal(probe.status, 200, `/api/suggest answered ${probe.status}: ${probe.body}`);
      assert.ok(Array.isArray(probe.json.suggestions) && probe.json.suggestions.length > 0, 'no suggestions for "ngh"');

      const list = w1.locator('[role="listbox"]');
      await box1.fill('');
      await box1.press('Enter'); // an empty search clears the results: the list must not be clipped by them
      await w1.locator('.tc-result').first().waitFor({ state: 'detached' });
      await box1.focus();
      const sent = suggestRequests.length;
      await page.keyboard.type('ng');
      await delay(500); // > the widget's 150 ms debounce
      assert.equal(suggestRequests.length, sent, 'suggestions were requested with fewer than three letters');
      assert.ok(!(await list.isVisible()), 'suggestions shown with fewer than three letters');

      await page.keyboard.type('h');
      await list.waitFor({ state: 'visible' });
      const options = list.locator('[role="option"]');
      const n = await options.count();
      assert.ok(n > 0);
      assert.equal(await box1.getAttribute('aria-expanded'), 'true');
      assert.equal(await box1.getAttribute('aria-controls'), await list.getAttribute('id'));
      assert.match(suggestRequests[suggestRequests.length - 1], /[?&]q=ngh(&|$)/);
      // The last option sticks out below the widget; it must be drawn on top of the page, not clipped.
      const onTop = await page.evaluate(() => {
        const root = document.getElementById('w1').shadowRoot;
        const opts = root.querySelectorAll('[role="option"]');
        const last = opts[opts.length - 1];
        last.scrollIntoView({ block: 'nearest' });
        const r = last.getBoundingClientRect();
        const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { sticksOut: r.bottom > document.getElementById('w1').getBoundingClientRect().bottom, hit: !!hit && last.contains(hit) };
      });
      assert.ok(onTop.sticksOut, 'expected the suggestion list to extend below the empty widget');
      assert.ok(onTop.hit, 'the suggestion list is hidden or clipped where it extends below the widget');
      await screenshot(page, 'widget-suggestions.png');

      await page.keyboard.press('ArrowDown');
      assert.equal(await box1.getAttribute('aria-activedescendant'), await options.nth(0).getAttribute('id'));
      assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
      if (n > 1) {
        await page.keyboard.press('ArrowDown');
        assert.equal(await box1.getAttribute('aria-activedescendant'), await options.nth(1).getAttribute('id'));
        assert.equal(await options.nth(0).getAttribute('aria-selected'), 'false');
        await page.keyboard.press('ArrowUp');
      }
      assert.equal(await box1.getAttribute('aria-activedescendant'), await options.nth(0).getAttribute('id'));
      await page.keyboard.press('Escape');
      await list.waitFor({ state: 'hidden' });
      assert.equal(await box1.getAttribute('aria-expanded'), 'false');
      assert.equal(await box1.getAttribute('aria-activedescendant'), null);
      assert.equal(await box1.inputValue(), 'ngh', 'Escape changed the text');

      await page.keyboard.press('ArrowDown'); // reopens with the first option active
      await list.waitFor({ state: 'visible' });
      const chosen = (await options.nth(0).locator('.tc-option-text').textContent()).trim();
      const data = await searchAnswer(page, chosen, () => page.keyboard.press('Enter'));
      await list.waitFor({ state: 'hidden' });
      assert.equal(await box1.inputValue(), chosen);
      const expected = data.total > 0 ? `Tìm thấy ${viNumber(data.total)} văn bản` : 'Không tìm thấy';
      await w1.locator('.tc-status', { hasText: expected }).waitFor();
      log(`suggestion chosen with the keyboard: "${chosen}" → ${data.total} documents`);

      // Clicking an option works too.
      await box1.fill('');
      await box1.pressSequentially('ke hoach');
      await list.waitFor({ state: 'visible' });
      const clicked = (await options.nth(0).locator('.tc-option-text').textContent()).trim();
      await searchAnswer(page, clicked, () => options.nth(0).click());
      assert.equal(await box1.inputValue(), clicked);
    });

    assertNoProblems(page);
    const csp = await page.evaluate(() => window.__csp);
    assert.deepEqual(csp, [], `CSP violations on the host page: ${csp.join('; ')}`);
  } finally {
    await page.close();
  }
});

test('widget: no suggestions when /api/suggest answers 404; server errors shown in Vietnamese', { timeout: TEST_MS }, async (t) => {
  if (!corsSupported) {
    t.skip('tracuu-server has no --cors-origin option yet');
    return;
  }
  const page = await openPage();
  try {
    const cors = { 'Access-Control-Allow-Origin': allowedSite, Vary: 'Origin', 'Content-Type': 'application/json; charset=utf-8' };
    let suggestCalls = 0;
    const searches = [];
    await page.route(`${tracuu.base}/api/suggest**`, (route) => {
      suggestCalls++;
      return route.fulfill({ status: 404, headers: cors, body: '{"error":{"code":"not_found","message":"no such page: /api/suggest"}}' });
    });
    await page.route(`${tracuu.base}/api/search**`, (route) => {
      const u = new URL(route.request().url());
      searches.push(u);
      if (u.searchParams.get('q') === 'unavailable') {
        return route.fulfill({ status: 503, headers: cors, body: '{"error":{"code":"unavailable","message":"the index is not open"}}' });
      }
      return route.fulfill({ status: 200, headers: cors, body: JSON.stringify({
        query: u.searchParams.get('q'), total: 1, took_ms: 1, page: 1, size: 5, relaxed: false, suggestion: null, facets: {},
        results: [{ id: 'kh13-2025-ninh-binh', title: 'Kế hoạch <b>13</b>', snippet: 'thực hiện <mark>Nghị quyết</mark> số 57 &amp; <img src=x>', page: 3, score: 1 }],
      }) });
    });
    await page.goto(`${allowedSite}/`);
    const w1 = page.locator('#w1');
    const box = w1.locator('input[role="combobox"]');
    await box.fill('nghi'); // one input event: one request, whatever the machine's speed
    await delay(600);
    await box.pressSequentially(' quyet');
    await delay(600);
    assert.equal(suggestCalls, 1, 'the widget kept asking for suggestions after a 404');
    assert.ok(!(await w1.locator('[role="listbox"]').isVisible()), 'a suggestion list was shown after a 404');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await box.fill('unavailable');
    await page.keyboard.press('Enter');
    await w1.locator('.tc-alert', { hasText: 'Máy chủ tra cứu tạm thời không sẵn sàng' }).waitFor();
    assert.equal(await w1.locator('.tc-result').count(), 0);

    await t.test('fixed filters and size from data attributes; titles as text, snippets with <mark> only', async () => {
      const w3 = page.locator('#w3');
      const box3 = w3.locator('input[role="combobox"]');
      await box3.fill('kế hoạch');
      await box3.press('Enter');
      await w3.locator('.tc-status', { hasText: 'Tìm thấy 1 văn bản' }).waitFor();
      const sent = searches[searches.length - 1];
      assert.equal(sent.origin + sent.pathname, `${tracuu.base}/api/search`);
      assert.equal(sent.searchParams.get('q'), 'kế hoạch');
      assert.equal(sent.searchParams.get('size'), '5');
      assert.equal(sent.searchParams.get('page'), '1');
      assert.deepEqual(sent.searchParams.getAll('type'), ['Kế hoạch']);
      assert.deepEqual(sent.searchParams.getAll('issuer'), ['Ủy ban nhân dân tỉnh Ninh Bình']);
      assert.deepEqual(sent.searchParams.getAll('year'), ['2025', '2026']);
      const a = w3.locator('.tc-title a');
      assert.equal(await a.textContent(), 'Kế hoạch <b>13</b>', 'the title must be shown as text');
      assert.equal(await a.getAttribute('href'), `${tracuu.base}/doc/kh13-2025-ninh-binh?q=k%E1%BA%BF%20ho%E1%BA%A1ch#trang-3`);
      assert.equal(await a.getAttribute('target'), '_blank');
      assert.equal(await a.getAttribute('rel'), 'noopener');
      // Only <mark> is markup in a snippet: entities are decoded, any other tag is dropped.
      assert.equal(await w3.locator('.tc-snippet mark').count(), 1);
      assert.equal(await w3.locator('.tc-snippet mark').textContent(), 'Nghị quyết');
      assert.equal(await w3.locator('.tc-snippet img').count(), 0);
      assert.equal(await w3.locator('.tc-snippet').textContent(), 'thực hiện Nghị quyết số 57 & ');
    });
    assertNoProblems(page);
  } finally {
    await page.close();
  }
});

test('widget on an origin the server does not allow: a clear error, no results', { timeout: TEST_MS }, async (t) => {
  if (!corsSupported) {
    log('SKIP: tracuu-server has no --cors-origin option yet');
    t.skip('tracuu-server has no --cors-origin option yet');
    return;
  }
  const page = await openPage();
  try {
    await page.goto(`${otherSite}/`);
    const w1 = page.locator('#w1');
    const box = w1.locator('input[role="combobox"]');
    await box.fill('ke hoach chuyen doi so');
    await box.press('Enter');
    await w1.locator('.tc-alert', { hasText: 'Không kết nối được tới máy chủ tra cứu' }).waitFor();
    assert.equal(await w1.locator('.tc-result').count(), 0);
    assert.equal(await w1.locator('.tc-status').textContent(), '');
  } finally {
    await page.close();
  }
});

test('CORS contract the widget relies on', { timeout: TEST_MS }, async (t) => {
  if (!corsSupported) {
    t.skip('tracuu-server has no --cors-origin option yet');
    return;
  }
  const url = `${tracuu.base}/api/search?q=${encodeURIComponent('kế hoạch')}`;
  const allowed = await httpGet(url, { headers: { Origin: allowedSite } });
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers['access-control-allow-origin'], allowedSite);
  assert.match(String(allowed.headers.vary || ''), /Origin/i);

  const other = await httpGet(url, { headers: { Origin: otherSite } });
  assert.equal(other.status, 200);
  assert.equal(other.headers['access-control-allow-origin'], undefined, 'an origin not on the list got CORS headers');

  const preflight = await httpGet(url, {
    method: 'OPTIONS', headers: { Origin: allowedSite, 'Access-Control-Request-Method': 'GET' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers['access-control-allow-origin'], allowedSite);

  const suggest = await httpGet(`${tracuu.base}/api/suggest?q=ngh`, { headers: { Origin: allowedSite } });
  if (suggest.status === 404) log('SKIP: /api/suggest answers 404; its CORS headers not checked');
  else assert.equal(suggest.headers['access-control-allow-origin'], allowedSite, '/api/suggest is not open to allowed origins');

  const script = await httpGet(`${tracuu.base}/widget.js`);
  assert.equal(script.status, 200);
  assert.match(String(script.headers['content-type']), /javascript/);
});

test('search page: sorting by date puts the newest document first and keeps the choice in the URL', { timeout: TEST_MS }, async () => {
  const page = await openPage();
  try {
    await page.goto(`${tracuu.base}/?q=${encodeURIComponent('nghị định')}`);
    await page.locator('#results > li.result').first().waitFor({ timeout: WAIT_MS });
    const answer = page.waitForResponse((r) => r.url().includes('/api/search') && r.url().includes('sort=date_desc'), { timeout: WAIT_MS });
    await page.locator('#sort').selectOption('date_desc');
    const data = await (await answer).json();
    assert.match(page.url(), /sort=date_desc/);
    const dates = data.results.map((r) => r.date).filter(Boolean);
    assert.ok(dates.length > 1, 'no dated results');
    assert.deepEqual(dates, [...dates].sort().reverse(), 'results are not newest first');
    assert.equal(await page.locator('link[rel="search"]').getAttribute('href'), '/opensearch.xml');
    assertNoProblems(page);
  } finally {
    await page.close();
  }
});
