// End to end: the site works offline after its first load (issue 6). The page is loaded once,
// its service worker takes control, then the server is shut down and the browser taken offline;
// the reloaded page scores a golden applicant as onnxruntime did and scores a model's bundled
// sample in the batch worker, every response coming from the service worker's cache. The web
// app manifest is linked, parses, and its icons load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, readJson, screenshot, selectModel } from './harness.mjs';

const MODEL = 'german-credit-mlp';

let server;
let context;
let page;
const requests = [];
const failed = [];
const responses = [];

before(async () => {
  ({ server, context, page } = await openApp(requests));
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  await server.close();
  await context.setOffline(true);
  context.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  context.on('response', (r) => responses.push(r));
  await page.reload();
  await page.locator('#score').waitFor({ timeout: 60_000 });
});

after(async () => {
  await context?.close();
  await server?.close();
});

/** Every request since the reload was answered by the service worker; none failed. */
function assertAllFromCache() {
  assert.deepEqual(failed, []);
  const fromNetwork = responses.filter((r) => !r.fromServiceWorker()).map((r) => r.url());
  assert.deepEqual(fromNetwork, []);
}

test('offline, the reloaded page scores a golden applicant as onnxruntime did', async () => {
  const manifest = await selectModel(page, MODEL);
  const golden = (await readJson(`models/${MODEL}/golden.json`)).rows[0];
  for (const feature of manifest.features) {
    const control = page.locator(`[name="${feature.name}"]`);
    const text = golden.raw[feature.name];
    if (feature.kind === 'category') {
      await control.selectOption(feature.categories.find((c) => c.value === text || c.code === text).value);
    } else {
      await control.fill(text);
    }
  }
  await page.locator('#score').click();
  await page.waitForFunction(
    (want) => {
      const el = document.querySelector('.result:not(.stale) #result-score');
      return el && Math.abs(Number(el.dataset.score) - want) <= 1e-5;
    },
    golden.score,
    { timeout: 60_000 },
  );
  assertAllFromCache();
});

test('offline, the batch worker scores the bundled sample to its evaluation', async () => {
  const expected = await readJson(`models/${MODEL}/sample.expected.json`);
  await page.locator('#batch-sample').click();
  await page.locator('#batch-start').click({ timeout: 60_000 });
  const summary = page.locator('#batch-summary');
  await summary.waitFor({ timeout: 120_000 });
  assert.equal(Number(await summary.getAttribute('data-rows')), expected.rows);
  assert.equal(Number(await summary.getAttribute('data-errors')), 0);
  const auc = Number(await page.locator('#eval-auc').getAttribute('data-value'));
  assert.ok(Math.abs(auc - expected.auc) < 1e-4, `AUC ${auc} vs ${expected.auc}`);
  await screenshot(page, 'offline-batch.png');
  assertAllFromCache();
});

test('offline, the web app manifest is linked and parses, and its icons load', async () => {
  const installable = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]').href;
    const manifest = await (await fetch(href)).json();
    const icons = await Promise.all(manifest.icons.map(async (icon) => {
      const img = new Image();
      img.src = new URL(icon.src, href).href;
      await img.decode();
      return { ...icon, loaded: `${img.naturalWidth}x${img.naturalHeight}` };
    }));
    return { manifest, icons, favicon: document.querySelector('link[rel="icon"]')?.href };
  });
  const { manifest, icons } = installable;
  assert.equal(manifest.name, 'RiskScope');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, '.');
  assert.equal(manifest.scope, '.');
  for (const icon of icons) assert.equal(icon.loaded, icon.sizes, icon.src);
  const sizes = icons.filter((i) => i.purpose === 'any').map((i) => i.sizes).sort();
  assert.deepEqual(sizes, ['192x192', '512x512']);
  assert.ok(icons.some((i) => i.purpose === 'maskable'), 'a maskable icon');
  assert.ok(installable.favicon, 'a favicon is linked');
  assertAllFromCache();
});
