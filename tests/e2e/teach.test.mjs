// End to end: the teaching views in the release site, for every catalog model they apply to.
// Each model gets a golden applicant typed into the form; then the Teach section is opened and
// its numbers are checked against oracles outside the page: the anatomy's parameter count and
// file size against the ONNX file read here with a protobuf walk of our own; the scorecard's
// points against the assessment's points table and score, its WOE against the manifest; the
// LSTM's full-history point against the page's score, and a shorter history typed into the form
// against that prefix's point; the autoencoder's errors against its anomaly score; and every
// model in Compare against onnxruntime's golden score of the same applicant.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT, ROOT, openApp, readJson, selectModel } from './harness.mjs';

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

// --- A protobuf walk of our own: the values held by every initializer and constant. ---

function varint(buf, pos) {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    const b = buf[pos++];
    value |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [value, pos];
    shift += 7n;
  }
}

/** The fields of one message: [{ field, wire, value (bigint) | bytes (Buffer) }]. */
function fields(buf) {
  const out = [];
  let pos = 0;
  while (pos < buf.length) {
    let key;
    [key, pos] = varint(buf, pos);
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      let value;
      [value, pos] = varint(buf, pos);
      out.push({ field, wire, value });
    } else if (wire === 2) {
      let len;
      [len, pos] = varint(buf, pos);
      out.push({ field, wire, bytes: buf.subarray(pos, pos + Number(len)) });
      pos += Number(len);
    } else if (wire === 5) {
      out.push({ field, wire });
      pos += 4;
    } else if (wire === 1) {
      pos += 8;
    } else {
      throw new Error(`wire type ${wire}`);
    }
  }
  return out;
}

/** TensorProto.dims (field 1, packed or not) multiplied. */
function tensorValues(tensor) {
  let n = 1n;
  for (const f of fields(tensor).filter((f) => f.field === 1)) {
    if (f.wire === 0) n *= f.value;
    else {
      let pos = 0;
      while (pos < f.bytes.length) {
        let d;
        [d, pos] = varint(f.bytes, pos);
        n *= d;
      }
    }
  }
  return n;
}

/** ModelProto.graph (7): initializers (5), and tensors and floats in node attributes (node 1,
 * attribute 5: t 5, tensors 10, floats 7). */
function onnxParameters(bytes) {
  const graph = fields(bytes).find((f) => f.field === 7).bytes;
  let n = 0n;
  for (const f of fields(graph)) {
    if (f.field === 5) n += tensorValues(f.bytes);
    if (f.field === 1) {
      for (const attribute of fields(f.bytes).filter((a) => a.field === 5)) {
        for (const t of fields(attribute.bytes).filter((t) => t.field === 5 || t.field === 10)) {
          n += tensorValues(t.bytes);
        }
        // An ONNX-ML operator's weights: the floats list (7), packed or one fixed32 each.
        for (const x of fields(attribute.bytes).filter((x) => x.field === 7)) {
          n += x.wire === 2 ? BigInt(x.bytes.length / 4) : 1n;
        }
      }
    }
  }
  return Number(n);
}

// --- The form. ---

function asFormValue(feature, text) {
  if (feature.kind !== 'category') return text;
  return feature.categories.find((c) => c.value === text || c.code === text).value;
}

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

async function fill(manifest, raw, want) {
  for (const feature of manifest.features) {
    const control = page.locator(`[name="${feature.name}"]`);
    const value = asFormValue(feature, raw[feature.name]);
    if (feature.kind === 'category') await control.selectOption(value);
    else await control.fill(value);
  }
  await waitForScore(want, 1e-5);
}

async function pageScore() {
  return Number(await page.locator('.result:not(.stale) #result-score').getAttribute('data-score'));
}

/** Opens the Teach section (once per workspace: picking a model starts a fresh one). */
async function openTeach() {
  const details = page.locator('#teach');
  if (!(await details.evaluate((d) => d.open))) await details.locator(':scope > summary').click();
  await page.locator('#teach-anatomy').waitFor({ timeout: 60_000 });
}

/** A picture of one view (tests/output/<name>.png), for the README and for review. */
async function shoot(selector, name) {
  await mkdir(OUTPUT, { recursive: true });
  await page.locator(selector).screenshot({ path: path.join(OUTPUT, `${name}.png`) });
}

// Golden rows: the first for most models, a flagged transaction for the fraud models.
const ROW = { 'ulb-fraud-mlp': 12, 'ulb-fraud-autoencoder': 12 };

async function pick(id) {
  const manifest = await selectModel(page, id);
  const golden = (await readJson(`models/${id}/golden.json`)).rows;
  const row = golden[ROW[id] ?? 0];
  await fill(manifest, row.raw, row.score);
  await openTeach();
  return { manifest, row };
}

test('model anatomy: every model, the file read here agrees', async () => {
  for (const entry of catalog.models) {
    await pick(entry.id);
    const bytes = await readFile(path.join(ROOT, 'models', entry.onnx));
    const shown = page.locator('#anatomy-parameters');
    assert.equal(Number(await shown.getAttribute('data-parameters')), onnxParameters(bytes), entry.id);
    assert.equal(Number(await page.locator('#anatomy-bytes').getAttribute('data-bytes')), bytes.length, entry.id);
    const stages = await page.locator('#teach-anatomy .stage').count();
    const explained = await page.locator('#teach-anatomy .anatomy-explained li').count();
    assert.equal(stages, explained + 1, `${entry.id}: a box per stage and the input`);
    assert.ok(explained >= 2, entry.id);
    const what = await page.locator('#teach-anatomy .teach-what').innerText();
    assert.match(what, /What you are seeing/);
    const titles = await page.locator('#teach-anatomy .stage-title').allTextContents();
    if (entry.id === 'german-credit-logistic') assert.ok(titles.some((t) => /Dense layer 61 → 2, then Sigmoid/.test(t)), titles.join(' | '));
    if (entry.id === 'taiwan-credit-lstm') assert.ok(titles.some((t) => /LSTM: 6 steps of 13 values → 32 hidden/.test(t)), titles.join(' | '));
    if (entry.id === 'ulb-fraud-autoencoder') assert.ok(titles.some((t) => /Reconstruction error/.test(t)), titles.join(' | '));
    if (entry.id.endsWith('-lightgbm')) {
      assert.ok(titles.some((t) => /\d+ decision trees, [\d,]+ leaves, depth up to \d/.test(t)), titles.join(' | '));
      assert.match(what, /tree ensemble/);
    }
    if (entry.id === 'german-credit-lightgbm') await shoot('#teach-anatomy', 'teach-anatomy-trees');
    if (entry.id === 'taiwan-credit-lstm') await shoot('#teach-anatomy .anatomy-diagram', 'teach-anatomy-lstm');
    // Views that do not apply are absent.
    assert.equal(await page.locator('#teach-scorecard').count(), entry.id === 'german-credit-scorecard' ? 1 : 0, entry.id);
    assert.equal(await page.locator('#teach-lstm').count(), entry.id === 'taiwan-credit-lstm' ? 1 : 0, entry.id);
    assert.equal(await page.locator('#teach-autoencoder').count(), entry.id === 'ulb-fraud-autoencoder' ? 1 : 0, entry.id);
  }
});

test('scorecard: points add up to the score, WOE recomputed from the sample is the manifest\'s', async () => {
  const { manifest } = await pick('german-credit-scorecard');
  const counts = page.locator('#scorecard-counts');
  await counts.waitFor({ timeout: 60_000 });
  assert.equal(Number(await counts.getAttribute('data-rows')), 1000);
  assert.ok(Number(await counts.getAttribute('data-woe-gap')) < 1e-9);
  const sum = page.locator('#scorecard-sum');
  const total = Number(await sum.getAttribute('data-total'));
  // The assessment's points table (a closed <details>: its text, not its rendering).
  const pointsTotal = Number(await page.locator('#points-total').textContent());
  assert.ok(Math.abs(total - pointsTotal) < 0.051, `${total} vs the assessment's ${pointsTotal}`);
  assert.ok(Math.abs(Number(await sum.getAttribute('data-probability')) - await pageScore()) < 1e-5);
  const ivs = await page.locator('.scorecard-attribute').evaluateAll((els) => els.map((e) => [e.dataset.feature, Number(e.dataset.iv)]));
  assert.equal(ivs.length, manifest.features.length);
  for (let k = 1; k < ivs.length; k++) assert.ok(ivs[k - 1][1] >= ivs[k][1], 'strongest first');
  // The literature's IV of the checking account (0.666, unsmoothed WOE); 0.662 with the pipeline's +0.5.
  assert.equal(ivs[0][0], 'status_of_existing_checking_account');
  assert.ok(Math.abs(ivs[0][1] - 0.666) < 0.005, String(ivs[0][1]));
  // The applicant's bin is marked in every attribute.
  assert.equal(await page.locator('.scorecard-attribute .applicant-bin').count(), manifest.features.length);
  await shoot('#teach-scorecard', 'teach-scorecard');
});

test('LSTM: the full history is the page\'s score, and a shorter history typed in is its prefix', async () => {
  const { manifest } = await pick('taiwan-credit-lstm');
  const rows = page.locator('#teach-lstm-table tbody tr');
  await rows.nth(6).waitFor({ timeout: 60_000 });
  const prefixes = await rows.evaluateAll((els) => els.map((e) => Number(e.dataset.score)));
  assert.equal(prefixes.length, 7);
  assert.ok(Math.abs(prefixes[6] - await pageScore()) <= 1e-6, `${prefixes[6]} vs ${await pageScore()}`);
  await page.locator('#teach-lstm-chart svg').waitFor();
  await shoot('#teach-lstm', 'teach-lstm');
  // Type the months after the third as quiet months: the page's own score must be prefix 3.
  for (const series of manifest.sequence.series) {
    for (const name of series.features.slice(3)) {
      const feature = manifest.features.find((f) => f.name === name);
      const control = page.locator(`[name="${name}"]`);
      if (feature.kind === 'category') await control.selectOption('-2');
      else await control.fill('0');
    }
  }
  await waitForScore(prefixes[3], 1e-6);
  const again = await rows.evaluateAll((els) => els.map((e) => Number(e.dataset.score)));
  for (let k = 0; k <= 3; k++) assert.ok(Math.abs(again[k] - prefixes[k]) <= 1e-6, `prefix ${k}`);
  for (let k = 3; k <= 6; k++) assert.ok(Math.abs(again[k] - prefixes[3]) <= 1e-6, `quiet month ${k}`);
});

test('autoencoder: errors average to the anomaly score, largest ratio first', async () => {
  const { manifest } = await pick('ulb-fraud-autoencoder');
  const rows = page.locator('#teach-autoencoder-table tbody tr');
  await rows.first().waitFor({ state: 'attached', timeout: 60_000 });
  const table = await rows.evaluateAll((els) => els.map((e) => ({
    feature: e.dataset.feature, error: Number(e.dataset.error), typical: Number(e.dataset.typical), ratio: Number(e.dataset.ratio),
  })));
  assert.equal(table.length, manifest.features.length);
  const mean = table.reduce((s, r) => s + r.error, 0) / table.length;
  const score = await pageScore();
  assert.ok(Math.abs(mean - score) <= 1e-4 * Math.max(1, score), `${mean} vs ${score}`);
  for (let k = 1; k < table.length; k++) assert.ok(table[k - 1].ratio >= table[k].ratio);
  assert.ok(table.every((r) => r.typical > 0));
  assert.ok(table[0].ratio > 1, 'a flagged transaction has an input far worse than typical');
  const listed = await page.locator('#feature-errors li').evaluateAll((els) => els.map((e) => [e.dataset.feature, Number(e.dataset.error)]));
  for (const [feature, error] of listed) {
    assert.equal(table.find((r) => r.feature === feature).error, error, feature);
  }
  await page.locator('#teach-autoencoder-chart svg').waitFor();
  await shoot('#teach-autoencoder', 'teach-autoencoder');
});

test('compare: every model of the same attributes scores the applicant as onnxruntime does', async () => {
  const groups = [
    ['german-credit-logistic', 'german-credit-scorecard', 'german-credit-mlp', 'german-credit-lightgbm'],
    ['taiwan-credit-lstm', 'taiwan-credit-mlp', 'taiwan-credit-lightgbm'],
    ['ulb-fraud-mlp', 'ulb-fraud-lightgbm', 'ulb-fraud-autoencoder'],
  ];
  for (const group of groups) {
    await pick(group[0]);
    const rows = page.locator('#teach-compare-table tbody tr[data-model]');
    await page.waitForFunction((n) => document.querySelectorAll('#teach-compare-table tbody tr[data-model][data-score]:not([data-score=""])').length === n, group.length, { timeout: 120_000 });
    const shown = await rows.evaluateAll((els) => els.map((e) => [e.dataset.model, Number(e.dataset.score)]));
    assert.deepEqual(shown.map(([id]) => id).sort(), [...group].sort());
    for (const [id, score] of shown) {
      const golden = (await readJson(`models/${id}/golden.json`)).rows[ROW[id] ?? 0];
      assert.ok(Math.abs(score - golden.score) <= 1e-5 * Math.max(1, golden.score), `${id}: ${score} vs ${golden.score}`);
      const metrics = catalog.models.find((m) => m.id === id).metrics;
      const auc = await page.locator(`#teach-compare-table tr[data-model="${id}"] td`).nth(2).innerText();
      // Written as the browser writes numbers (Intl rounds the shortest decimal half up), with
      // the catalog's 95 % interval.
      const f = (x) => new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(x);
      const [low, high] = catalog.models.find((m) => m.id === id).intervals.auc;
      assert.equal(auc, `${f(metrics.auc)} (${f(low)}–${f(high)})`, id);
    }
  }
  await shoot('#teach-compare', 'teach-compare');
  assert.ok(requests.every((u) => u.startsWith(server.origin)), 'no request leaves the page\'s origin');
});
