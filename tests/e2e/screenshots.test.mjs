// The README's pictures of the main views, taken from the release site by this test, so they
// show the page as it is (docs/screenshots/; commit them when they change). Each picture is of
// one section, at a fixed viewport, after the section's content is there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, openApp, selectModel } from './harness.mjs';

const SHOTS = path.join(ROOT, 'docs/screenshots');
let server;
let context;
let page;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  ({ server, context, page } = await openApp([]));
});

after(async () => {
  await context?.close();
  await server?.close();
});

async function shoot(locator, name) {
  const file = path.join(SHOTS, name);
  await locator.screenshot({ path: file });
  assert.ok((await stat(file)).size > 10_000, `${name} is a real picture`);
}

test('the main views, pictured for the README', async () => {
  await selectModel(page, 'german-credit-scorecard');
  await page.locator('#score').click();
  await page.locator('#decision').waitFor();
  await shoot(page.locator('.workspace'), 'workspace-scorecard.png');

  await selectModel(page, 'german-credit-logistic');
  await page.locator('#batch-sample').click();
  await page.locator('#batch-start').click({ timeout: 60_000 });
  await page.locator('#batch-summary').waitFor({ timeout: 120_000 });
  await shoot(page.locator('section.batch'), 'batch-evaluation.png');

  await selectModel(page, 'taiwan-credit-lstm');
  await page.locator('#teach > summary').click();
  const anatomy = page.locator('#teach-anatomy');
  await anatomy.locator('svg').first().waitFor({ timeout: 60_000 });
  await shoot(page.locator('#teach'), 'teach-lstm.png');

  await page.locator('#byo summary').click();
  const onnx = await readFile(path.join(ROOT, 'models/ulb-fraud-mlp/model.onnx'));
  await page.locator('#byo-files').setInputFiles([{ name: 'my-fraud-model.onnx', mimeType: 'application/octet-stream', buffer: onnx }]);
  await page.locator('#byo-draft').waitFor({ timeout: 60_000 });
  await shoot(page.locator('#byo'), 'bring-your-own-model.png');
});

test('the workspace in Chinese, pictured for the README', async () => {
  await page.locator('#lang').selectOption('zh-CN');
  await page.locator('html[lang="zh-CN"]').waitFor();
  await selectModel(page, 'german-credit-scorecard', 'zh-CN');
  await page.locator('#score').click();
  await page.locator('#decision').waitFor();
  await shoot(page.locator('.workspace'), 'workspace-scorecard-zh-CN.png');
  // Leave the next run's page in English (the choice is remembered on this profile only).
  await page.locator('#lang').selectOption('en');
});
