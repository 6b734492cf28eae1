// End to end: the release site scores golden applicants of every catalog model in Chromium
// exactly as onnxruntime did, and shows each invalid value's error beside its field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, readJson, screenshot } from './harness.mjs';

const TOLERANCE = 1e-5;

/** Absolute for probabilities, relative above 1 for anomaly scores (tests/common/mod.rs). */
function gap(got, want) {
  return Math.abs(got - want) / Math.max(1, Math.abs(want));
}

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
  ({ server, context, page } = await openApp(requests));
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
  const figure = page.locator('.result:not(.stale) #result-score');
  await figure.waitFor();
  return {
    score: Number(await figure.getAttribute('data-score')),
    decision: await page.locator('#decision').textContent(),
    band: await page.locator('#risk-band').textContent(),
  };
}

function expectedBand(p) {
  // An anomaly score's last band has no upper bound (null).
  return (manifest.risk_bands.find((b) => b.upper === null || p < b.upper) ?? manifest.risk_bands.at(-1)).name;
}

test('golden applicants of every model score in the browser as onnxruntime scored them', async () => {
  for (const entry of catalog.models) {
    await pickModel(entry.id);
    const byRisk = [...golden].sort((a, b) => a.score - b.score);
    // Real and synthetic rows, the safest and the riskiest, so both decisions are exercised.
    const picks = [golden[0], golden[1], golden[golden.length - 1], byRisk[0], byRisk.at(-1)];
    if (manifest.sequence) {
      // The monthly features sit in the history grid, one row per month, one column per series.
      const grid = page.locator('.history table');
      const cells = manifest.sequence.series.length * manifest.sequence.steps.length;
      assert.equal(await grid.locator('td input, td select').count(), cells);
      assert.deepEqual(await grid.locator('tbody th').allTextContents(), manifest.sequence.steps);
      assert.deepEqual(await grid.locator('thead th').allTextContents(),
        manifest.sequence.series.map((s) => s.label));
      // September's status (PAY_0) is in the last month's row, first column.
      const september = grid.locator('tbody tr').last().locator('td').first();
      assert.equal(await september.locator('select').getAttribute('name'), manifest.sequence.series[0].features.at(-1));
    }
    for (const row of picks) {
      await fillApplicant(row.raw);
      const shown = await scoreShown();
      const g = gap(shown.score, row.score);
      assert.ok(g <= TOLERANCE,
        `${entry.id}: page shows ${shown.score}, onnxruntime ${row.score} (gap ${g})`);
      const declined = row.score >= manifest.decision.cutoff;
      assert.equal(shown.decision, declined ? manifest.decision.at_or_above : manifest.decision.below);
      assert.equal(shown.band, expectedBand(row.score));
      if (row.feature_errors) {
        // The input the autoencoder reproduced worst leads the list, with onnxruntime's error.
        const worst = row.feature_errors.indexOf(Math.max(...row.feature_errors));
        const first = page.locator('#feature-errors li').first();
        assert.equal(await first.getAttribute('data-feature'), manifest.features[worst].name);
        const shownError = Number(await first.getAttribute('data-error'));
        assert.ok(Math.abs(shownError - row.feature_errors[worst]) <= 1e-4 * Math.max(1, row.feature_errors[worst]),
          `${entry.id}: largest feature error ${shownError}, onnxruntime ${row.feature_errors[worst]}`);
      }
    }
    if (manifest.scorecard) {
      await page.locator('.points summary').click();
      const total = Number(await page.locator('#points-total').textContent());
      const card = manifest.scorecard;
      const factor = card.pdo / Math.LN2;
      const implied = 1 / (1 + Math.exp((total - (card.points0 + factor * Math.log(card.odds0))) / factor));
      // The total is shown to 0.1 points: about 1e-3 in probability at most.
      assert.ok(Math.abs(implied - byRisk.at(-1).score) < 2e-3, `${entry.id}: ${total} points`);
    }
    console.log(`screenshot: ${await screenshot(page, `score-${entry.id}.png`)}`);
  }
});

test('an invalid value is reported beside its field and the last valid score is marked stale', async () => {
  await pickModel(catalog.models[0].id);
  await fillApplicant(golden[0].raw);
  await page.locator('[name="duration_in_month"]').fill('500');
  // Age describes the person: the model never guesses it.
  await page.locator('[name="age_in_years"]').fill('');
  await page.locator('#score').click();

  const durationError = page.locator('.field:has(#f-duration_in_month) .field-error');
  await durationError.waitFor();
  assert.match(await durationError.textContent(), /500 is outside the allowed range 1 to 120/);
  const ageError = page.locator('.field:has(#f-age_in_years) .field-error');
  assert.match(await ageError.textContent(), /no value given/);
  assert.equal(await page.locator('#f-duration_in_month').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.field-error').count(), 2, 'only the two bad fields show errors');
  assert.equal(await page.locator('.result:not(.stale) #result-score').count(), 0, 'no fresh score is shown for invalid input');
  assert.match(await page.locator('.stale-note').textContent(), /last valid applicant/);
  console.log(`screenshot: ${await screenshot(page, 'invalid.png')}`);

  // Mending the field clears its error and scores again.
  await page.locator('[name="duration_in_month"]').fill(golden[0].raw.duration_in_month);
  await page.locator('[name="age_in_years"]').fill(golden[0].raw.age_in_years);
  const shown = await scoreShown();
  assert.ok(gap(shown.score, golden[0].score) <= TOLERANCE);
  assert.equal(await page.locator('.field-error').count(), 0);
});

test('an unknown value is scored as the training data\'s median or mode and noted; one outside the training range is noted', async () => {
  await pickModel('german-credit-logistic');
  await fillApplicant(golden[0].raw);
  const feature = (name) => manifest.features.find((f) => f.name === name);
  assert.match(await page.locator('#f-credit_amount-hint').textContent(), /If unknown, leave it empty: it is scored as 2319\.5 DM and noted/);
  await page.locator('[name="credit_amount"]').fill('');
  await page.locator('[name="housing"]').selectOption('');
  await page.locator('[name="duration_in_month"]').fill('100');
  const unknown = await scoreShown();
  const notes = page.locator('#value-notes li');
  assert.deepEqual(
    await notes.evaluateAll((items) => items.map((li) => `${li.dataset.feature}:${li.dataset.note}`)),
    ['duration_in_month:outside', 'credit_amount:imputed', 'housing:imputed'],
  );
  assert.match(await notes.nth(1).textContent(), /Credit amount: no value given; scored as 2319\.5 DM, the training data's median/);
  // Oracle: the imputed values typed in give the same score, and only the duration is noted.
  await page.locator('[name="credit_amount"]').fill(String(feature('credit_amount').policy.missing.impute.value));
  await page.locator('[name="housing"]').selectOption(feature('housing').policy.missing.impute.value);
  const typed = await scoreShown();
  assert.equal(typed.score, unknown.score);
  assert.equal(await notes.count(), 1);
  console.log(`screenshot: ${await screenshot(page, 'value-notes.png')}`);
});

test('the page fetched nothing from outside its own origin', () => {
  const foreign = requests.filter((url) => !url.startsWith(server.origin + '/'));
  assert.deepEqual(foreign, []);
});
