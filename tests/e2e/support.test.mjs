// End to end: decision support in the release site. A declined German applicant gets reasons in
// the manifest's words and a counterfactual that, applied, is approved; dragging a slider moves
// the score; the cut-off moves the decision. Then every catalog model shows an attribution that
// adds up, reasons, a counterfactual and the global view, and the page's own timings of
// score + attribution and of the counterfactual search are printed (the wasm benchmark).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, readJson, screenshot } from './harness.mjs';

let server;
let context;
let page;
let catalog;
const requests = [];

before(async () => {
  catalog = await readJson('models/catalog.json');
  ({ server, context, page } = await openApp(requests));
});

after(async () => {
  await context?.close();
  await server?.close();
});

async function pickModel(id) {
  const manifest = await readJson(`models/${id}/manifest.json`);
  const golden = (await readJson(`models/${id}/golden.json`)).rows;
  await page.locator('#model').selectOption(id);
  await page.locator('#model-title', { hasText: manifest.title }).waitFor({ timeout: 60_000 });
  return { manifest, golden };
}

function asFormValue(feature, text) {
  if (feature.kind !== 'category') return text;
  return feature.categories.find((c) => c.value === text || c.code === text).value;
}

/** Fills the form; the page scores on every change. Resolves when the score shown is `want`. */
async function fill(manifest, raw, want) {
  for (const feature of manifest.features) {
    const control = page.locator(`[name="${feature.name}"]`);
    const value = asFormValue(feature, raw[feature.name]);
    if (feature.kind === 'category') await control.selectOption(value);
    else await control.fill(value);
  }
  await waitForScore(want, 1e-5);
}

/** Resolves when the page shows a fresh score within `tolerance` of `want` (relative above 1). */
async function waitForScore(want, tolerance) {
  await page.waitForFunction(
    ([w, tol]) => {
      const el = document.querySelector('.result:not(.stale) #result-score');
      return el && Math.abs(Number(el.dataset.score) - w) <= tol * Math.max(1, Math.abs(w));
    },
    [want, tolerance],
    { timeout: 60_000 },
  );
}

/** The waterfall's bars add up to the applicant's value minus the baseline. */
async function checkWaterfall(id) {
  await page.locator('#waterfall li').first().waitFor();
  const contributions = await page.locator('#waterfall li').evaluateAll(
    (lis) => lis.map((li) => Number(li.dataset.contribution)),
  );
  const baseline = Number(await page.locator('#baseline').getAttribute('data-baseline'));
  const value = Number(await page.locator('#attributed-value').getAttribute('data-value'));
  const sum = contributions.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - (value - baseline)) <= 1e-4, `${id}: bars sum to ${sum}, value - baseline ${value - baseline}`);
}

/** The fixed words of a reason template: the text before its first placeholder. */
function prefixOf(feature) {
  const t = typeof feature.reason === 'string' ? feature.reason : feature.reason.high;
  const alt = typeof feature.reason === 'string' ? t : feature.reason.low;
  return [t.split('{')[0], alt.split('{')[0]];
}

async function checkReasons(manifest) {
  const items = page.locator('#reason-list li');
  await items.first().waitFor();
  const n = await items.count();
  assert.ok(n >= 1 && n <= 4, `${n} reasons`);
  const reasons = await items.evaluateAll((lis) => lis.map((li) => ({
    idx: Number(li.dataset.featureIdx), text: li.textContent, c: Number(li.dataset.contribution),
  })));
  for (const r of reasons) {
    assert.ok(r.c > 0, 'a reason pushes toward the decline');
    const prefixes = prefixOf(manifest.features[r.idx]);
    assert.ok(prefixes.some((p) => r.text.startsWith(p)), `"${r.text}" is not from the template of ${manifest.features[r.idx].name}`);
  }
  // Largest push first.
  for (let k = 1; k < reasons.length; k++) assert.ok(reasons[k - 1].c >= reasons[k].c);
  return reasons;
}

/** Searches, applies the first suggestion and checks the page now clears the applicant. */
async function applyCounterfactual(manifest) {
  await page.locator('#find-counterfactuals').click();
  const first = page.locator('#counterfactuals > li').first();
  const none = page.locator('#no-counterfactual');
  await Promise.race([first.waitFor({ timeout: 120_000 }), none.waitFor({ timeout: 120_000 })]);
  const ms = Number(await page.locator('#recourse-time').getAttribute('data-ms').catch(() => NaN));
  if (await none.isVisible()) return { found: false, ms };
  const want = Number(await first.getAttribute('data-score'));
  assert.ok(want < manifest.decision.cutoff, 'the suggestion is below the cut-off');
  await page.locator('#apply-0').click();
  await waitForScore(want, 1e-6);
  assert.equal(await page.locator('#decision').textContent(), manifest.decision.below);
  return { found: true, ms };
}

function percentile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.round((s.length - 1) * q)];
}

test('a declined German applicant: reasons, a notice, a counterfactual that is approved, a slider and the cut-off', async () => {
  const { manifest, golden } = await pickModel('german-credit-mlp');
  const row = golden.find((r) => r.score >= manifest.decision.cutoff + 0.2);
  await fill(manifest, row.raw, row.score);
  assert.equal(await page.locator('#decision').textContent(), manifest.decision.at_or_above);
  await checkWaterfall('german-credit-mlp');
  const reasons = await checkReasons(manifest);

  // The notice downloads as a text file holding the reasons.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#save-notice').click()]);
  const notice = await readFile(await download.path(), 'utf8');
  for (const r of reasons) assert.ok(notice.includes(r.text), `notice lacks "${r.text}"`);
  await screenshot(page, 'support-declined.png');

  // Dragging the duration slider moves the score.
  const before = Number(await page.locator('#result-score').getAttribute('data-score'));
  await page.locator('#f-duration_in_month-slider').fill('6');
  await page.waitForFunction(
    (b) => Number(document.querySelector('#result-score')?.dataset.score) !== b,
    before,
  );
  assert.equal(await page.locator('[name="duration_in_month"]').inputValue(), '6');

  // Back to the declined applicant, then a counterfactual, applied, is approved.
  await fill(manifest, row.raw, row.score);
  const { found } = await applyCounterfactual(manifest);
  assert.ok(found, 'a counterfactual for a German decline');
  await screenshot(page, 'support-counterfactual-applied.png');

  // A cut-off above the applicant's score approves; the model's cut-off declines again.
  await fill(manifest, row.raw, row.score);
  await page.locator('#cutoff').fill(String(Math.min(0.99, row.score + 0.05)));
  await page.waitForFunction((w) => document.querySelector('#decision')?.textContent === w, manifest.decision.below);
  const cleared = Number(await page.locator('#cost-at-cutoff').getAttribute('data-cleared'));
  assert.ok(cleared > 0 && cleared <= 1);
  await page.locator('#reset-cutoff').click();
  await page.waitForFunction((w) => document.querySelector('#decision')?.textContent === w, manifest.decision.at_or_above);
  await page.locator('#cost-chart svg path.curve').waitFor();
});

test('every catalog model: attribution, reasons, a counterfactual and the global view, with timings', async () => {
  const table = [];
  for (const entry of catalog.models) {
    const { manifest, golden } = await pickModel(entry.id);
    const flagged = golden.filter((r) => r.score >= manifest.decision.cutoff);
    assert.ok(flagged.length > 0, `${entry.id}: no flagged golden row`);
    await fill(manifest, flagged[0].raw, flagged[0].score);
    await checkWaterfall(entry.id);
    await checkReasons(manifest);
    // Tree models are explained exactly from their trees (interventional TreeSHAP), the others
    // as their manifest and size allow.
    const method = await page.locator('#attribution-method').getAttribute('data-method');
    assert.equal(method === 'trees', entry.id.endsWith('-lightgbm'), `${entry.id}: ${method}`);
    if (manifest.sequence) {
      assert.equal(await page.locator('#attribution-by-month tr[data-step]').count(), manifest.sequence.steps.length);
    }
    // What-if timings: each flagged row in turn, scored and attributed live.
    const times = [];
    for (const row of flagged.slice(0, 6)) {
      await fill(manifest, row.raw, row.score);
      times.push(Number(await page.locator('#attribution-time').getAttribute('data-ms')));
    }
    await fill(manifest, flagged[0].raw, flagged[0].score);
    const { found, ms } = await applyCounterfactual(manifest);
    await page.locator('#compute-global').click();
    await page.locator('#importance li').first().waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('#importance li').count(), manifest.features.length);
    await page.locator('#pd-chart, #pd-table').first().waitFor();
    await screenshot(page, `support-${entry.id}.png`);
    table.push({ model: entry.id, 'score+attribution median ms': percentile(times, 0.5).toFixed(1), 'max ms (of 6 edits)': Math.max(...times).toFixed(1), 'counterfactual search ms': ms.toFixed(0), 'found': found });
  }
  console.log('Decision support in Chromium (wasm), timed by the page itself:');
  console.table(table);
  // Only the page's own origin was ever asked for anything.
  const foreign = requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
});
