// Browser tests of the document page (web/doc.html, doc.js: references grouped by key, budget
// table with its checks, neighbourhood graph) and of the reference page (/ref/{key}).
// The set-up (binaries, Chromium, helpers) is in harness.mjs.
// Alone: `node --test tests/web/document_page.test.mjs` with the variables harness.mjs lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setUpSuite, TEST_MS, WAIT_MS, tracuu, openPage, assertNoProblems, screenshot, elementScreenshot, viVnd, getJson, httpGet,
} from './harness.mjs';

setUpSuite();

// ---- the document page's links and budget, the reference page --------------------------

const PLAN = 'kh13-2025-ninh-binh';
const KEY57 = '57-NQ/TW';

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

test('document page: the original file is linked from its identity table and downloads as the file it was indexed from', { timeout: TEST_MS }, async () => {
  const page = await openPage();
  try {
    await page.goto(`${tracuu.base}/doc/${PLAN}`);
    const link = page.locator('#identity a#file-link', { hasText: 'Tải tệp gốc' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `/api/documents/${encodeURIComponent(PLAN)}/file`);
    const file = await page.request.get(`${tracuu.base}${await link.getAttribute('href')}`);
    assert.equal(file.status(), 200);
    assert.match(file.headers()['content-type'], /^text\/plain/);
    assert.match(await file.text(), /13\/KH-UBND/);
    assertNoProblems(page);
  } finally {
    await page.close();
  }
});

test('document page: a text read by OCR says so in its identity table, a text layer does not', { timeout: TEST_MS }, async () => {
  const page = await openPage();
  try {
    const identityRow = (name) => page.locator('#identity tr', { has: page.locator('th', { hasText: name }) });
    await page.goto(`${tracuu.base}/doc/${PLAN}`);
    await page.locator('#identity').waitFor({ state: 'visible' });
    await identityRow('Số hiệu').waitFor();
    assert.equal(await identityRow('Nguồn chữ').count(), 0, 'a document with a text layer is shown as read by OCR');

    // The same document as the API would give it had its pages been scanned (`ocr: true`).
    let realOcr;
    await page.route(`${tracuu.base}/api/documents/${PLAN}`, async (route) => {
      const real = await route.fetch();
      const doc = await real.json();
      realOcr = doc.ocr;
      return route.fulfill({ response: real, body: JSON.stringify({ ...doc, ocr: true }) });
    });
    await page.goto(`${tracuu.base}/doc/${PLAN}`);
    const row = identityRow('Nguồn chữ');
    await row.waitFor();
    assert.equal(realOcr, false, 'the plan was read from its text layer');
    assert.match(await row.locator('td').textContent(), /Nhận dạng từ ảnh quét \(OCR\): có thể sai chữ hoặc dấu/);
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
    // corpus/ holds the plan as .txt and .pdf: listed once, the other file named as its copy.
    assert.deepEqual(citing.copies, [`${PLAN}-pdf`]);
    assert.equal(await plan.locator(`.copies a[href="/doc/${PLAN}-pdf"]`).count(), 1, 'the copy is not named');

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
