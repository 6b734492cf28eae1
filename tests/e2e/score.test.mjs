// End to end: the release site scores golden applicants of every catalog model in Chromium
// exactly as onnxruntime did, and shows each invalid value's error beside its field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, screenshot, readJson } from './harness.mjs';

const TOLERANCE = 1e-5;

let server;
let context;
let page;
let catalog;
let manifest;
let golden;
const requests = [];

/** Picks a catalog model in the page and waits for its form. */
async function pickModel(id) {
  manifest = await readJson(`models/${id}/manifest.json`);
  golden = (await readJson(`models/${id}/golden.json`)).rows;
  await page.locator('#model').selectOption(id);
  await page.locator('#model-title', { hasText: manifest.title }).waitFor({ timeout: 60_000 });
}

before(async () => {
  catalog = await readJson('models/catalog.json');
  server = await serveDist();
  context = await launchBrowser();
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => { throw e; });
  await page.goto(server.origin + '/');
  await page.locator('#score').waitFor({ timeout: 60_000 });
});

after(async () => {
  await context?.close();
  await server?.close();
});

/** The form's select options carry the data set's texts; golden rows may be in UCI codes. */
function asFormValue(feature, text) {
  if (feature.kind !== 'category') return text;
  const hit = feature.categories.find((c) => c.value === text || c.code === text);
  assert.ok(hit, `${feature.name}: golden value ${text} is no category`);
  return hit.value;
}

async function fillApplicant(raw) {
  for (const feature of manifest.features) {
    const control = page.locator(`[name="${feature.name}"]`);
    const value = asFormValue(feature, raw[feature.name]);
    if (feature.kind === 'category') await control.selectOption(value);
    else await control.fill(value);
  }
}

async function scoreShown() {
  await page.locator('#score').click();
  const figure = page.locator('.result:not(.stale) #probability');
  await figure.waitFor();
  return {
    probability: Number(await figure.getAttribute('data-probability')),
    decision: await page.locator('#decision').textContent(),
    band: await page.locator('#risk-band').textContent(),
  };
}

function expectedBand(p) {
  return (manifest.risk_bands.find((b) => p < b.upper) ?? manifest.risk_bands.at(-1)).name;
}

test('golden applicants of every model score in the browser as onnxruntime scored them', async () => {
  for (const entry of catalog.models) {
    await pickModel(entry.id);
    const byRisk = [...golden].sort((a, b) => a.probability - b.probability);
    // Real and synthetic rows, the safest and the riskiest, so both decisions are exercised.
    const picks = [golden[0], golden[1], golden[golden.length - 1], byRisk[0], byRisk.at(-1)];
    for (const row of picks) {
      await fillApplicant(row.raw);
      const shown = await scoreShown();
      const gap = Math.abs(shown.probability - row.probability);
      assert.ok(gap <= TOLERANCE,
        `${entry.id}: page shows ${shown.probability}, onnxruntime ${row.probability} (gap ${gap})`);
      const declined = row.probability >= manifest.decision.cutoff;
      assert.equal(shown.decision, declined ? manifest.decision.at_or_above : manifest.decision.below);
      assert.equal(shown.band, expectedBand(row.probability));
    }
    if (manifest.scorecard) {
      await page.locator('.points summary').click();
      const total = Number(await page.locator('#points-total').textContent());
      const card = manifest.scorecard;
      const factor = card.pdo / Math.LN2;
      const implied = 1 / (1 + Math.exp((total - (card.points0 + factor * Math.log(card.odds0))) / factor));
      // The total is shown to 0.1 points: about 1e-3 in probability at most.
      assert.ok(Math.abs(implied - byRisk.at(-1).probability) < 2e-3, `${entry.id}: ${total} points`);
    }
    console.log(`screenshot: ${await screenshot(page, `score-${entry.id}.png`)}`);
  }
});

test('an invalid value is reported beside its field and nothing is scored', async () => {
  await pickModel(catalog.models[0].id);
  await fillApplicant(golden[0].raw);
  await page.locator('[name="duration_in_month"]').fill('500');
  await page.locator('[name="credit_amount"]').fill('');
  await page.locator('#score').click();

  const durationError = page.locator('.field:has(#f-duration_in_month) .field-error');
  await durationError.waitFor();
  assert.match(await durationError.textContent(), /500 is outside the allowed range 1 to 120/);
  const amountError = page.locator('.field:has(#f-credit_amount) .field-error');
  assert.match(await amountError.textContent(), /no value given/);
  assert.equal(await page.locator('#f-duration_in_month').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.field-error').count(), 2, 'only the two bad fields show errors');
  assert.equal(await page.locator('#probability').count(), 0, 'no score is shown for invalid input');
  console.log(`screenshot: ${await screenshot(page, 'invalid.png')}`);

  // Mending the field clears its error and scores again.
  await page.locator('[name="duration_in_month"]').fill(golden[0].raw.duration_in_month);
  await page.locator('[name="credit_amount"]').fill(golden[0].raw.credit_amount);
  const shown = await scoreShown();
  assert.ok(Math.abs(shown.probability - golden[0].probability) <= TOLERANCE);
  assert.equal(await page.locator('.field-error').count(), 0);
});

test('the page fetched nothing from outside its own origin', () => {
  const foreign = requests.filter((url) => !url.startsWith(server.origin + '/'));
  assert.deepEqual(foreign, []);
});
