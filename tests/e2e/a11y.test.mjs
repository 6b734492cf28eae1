// Accessibility: axe-core (npm) run in Chromium on every view of the page, for every model:
// the form and its result with decision support, batch results (evaluation, fairness, drift),
// bring-your-own-model's report and draft, and the teaching views where the page has them.
// WCAG 2.1 A and AA rules; zero serious or critical violations allowed. (The page's CSP forbids
// injected scripts, so this one browser bypasses it to load axe.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, axeViolations, openApp, readJson, selectModel } from './harness.mjs';

let server;
let context;
let page;
const findings = [];

before(async () => {
  ({ server, context, page } = await openApp([], undefined, { bypassCSP: true }));
});

after(async () => {
  if (findings.length) console.table(findings);
  await context?.close();
  await server?.close();
});

/** Runs axe on the page as it is; records and returns serious and critical violations. */
async function audit(view) {
  const violations = await axeViolations(page);
  for (const v of violations) findings.push({ view, ...v });
  return violations;
}

test('the audit finds a planted violation (so a clean result means something)', async () => {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'planted';
    document.body.append(input);
  });
  const violations = await audit('planted');
  findings.length = 0;
  await page.evaluate(() => document.getElementById('planted').remove());
  assert.ok(violations.some((v) => v.id === 'label' && v.first === '#planted'), JSON.stringify(violations));
});

test('every model\'s workspace: form, result and decision support', async () => {
  const catalog = await readJson('models/catalog.json');
  const failures = [];
  for (const entry of catalog.models) {
    await selectModel(page, entry.id);
    await page.locator('#score').click();
    await page.locator('#decision').waitFor({ timeout: 60_000 });
    // Open every collapsed section of the workspace.
    for (const summary of await page.locator('.workspace details > summary').all()) {
      await summary.click();
    }
    failures.push(...(await audit(entry.id)).map((v) => `${entry.id}: ${v.id} (${v.first})`));
  }
  assert.deepEqual(failures, []);
});

test('batch results: evaluation, fairness and drift', async () => {
  await selectModel(page, 'german-credit-logistic');
  await page.locator('#batch-sample').click();
  await page.locator('#batch-start').click({ timeout: 60_000 });
  await page.locator('#batch-summary').waitFor({ timeout: 120_000 });
  const failures = (await audit('batch')).map((v) => `${v.id} (${v.first})`);
  assert.deepEqual(failures, []);
});

test('bring your own model: report and draft', async () => {
  await page.locator('#byo summary').click();
  const onnx = await readFile(path.join(ROOT, 'models/ulb-fraud-mlp/model.onnx'));
  await page.locator('#byo-files').setInputFiles([{ name: 'mine.onnx', mimeType: 'application/octet-stream', buffer: onnx }]);
  await page.locator('#byo-draft').waitFor({ timeout: 60_000 });
  const failures = (await audit('byo')).map((v) => `${v.id} (${v.first})`);
  assert.deepEqual(failures, []);
});
