// End to end: bring your own model. The ULB fraud MLP's .onnx file alone, with a labelled data
// file, is checked in its own worker, completed through the proposed manifest, loaded, and then
// scores a file exactly as the catalog model does (the pipeline's scikit-learn AUC on the same
// rows) and explains a transaction. Files that are not models are refused with the reason; a
// model that makes tract panic kills only its checking worker, and the page goes on working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, openApp, readJson, scratchDir, screenshot, selectModel } from './harness.mjs';

let server;
let context;
let page;
const requests = [];

before(async () => {
  ({ server, context, page } = await openApp(requests));
  await page.locator('#byo summary').click();
});

after(async () => {
  await context?.close();
  await server?.close();
});

async function pick(files) {
  await page.locator('#byo-files').setInputFiles(files);
}

const file = (name, buffer, mimeType = 'application/octet-stream') => ({ name, mimeType, buffer });

test('the ULB MLP alone, with a data file, becomes a model that scores as the catalog one', async () => {
  const catalog = await readJson('models/catalog.json');
  const entry = catalog.models.find((m) => m.id === 'ulb-fraud-mlp');
  const expected = await readJson('models/ulb-fraud-mlp/sample.expected.json');
  const onnx = await readFile(path.join(ROOT, 'models', entry.onnx));
  // The model does not take Time: the data file leaves it out.
  const csv = (await readFile(path.join(ROOT, 'models/ulb-fraud-mlp/sample.csv'), 'utf8'))
    .trimEnd().split('\n').map((line) => line.slice(line.indexOf(',') + 1)).join('\n');
  await pick([file('fraud.onnx', onnx), file('transactions.csv', Buffer.from(csv), 'text/csv')]);

  const report = page.locator('#byo-report');
  await report.waitFor({ timeout: 60_000 });
  assert.equal(await report.getAttribute('data-loadable'), 'true');
  assert.equal((await page.locator('#byo-sha256').innerText()).trim(), entry.sha256);
  assert.match(await page.locator('#byo-fit').innerText(), /5000 rows .* label column: Class/);
  assert.equal(await page.locator('#byo-name-0').inputValue(), 'V1');
  assert.equal(await page.locator('#byo-name-28').inputValue(), 'Amount');
  await page.locator('#byo-title').fill('Fraud MLP, brought by me');
  await page.locator('#byo-task').selectOption('fraud');
  await page.locator('#byo-use').click();
  await page.locator('#byo-loaded').waitFor({ timeout: 120_000 });

  // Selected under "Your models", with its metrics measured on the data file.
  const id = `byo-${entry.sha256.slice(0, 12)}`;
  assert.equal(await page.locator('#model').inputValue(), id);
  await page.locator('#model-title', { hasText: 'Fraud MLP, brought by me' }).waitFor();
  const metrics = await page.locator('.model-info .metrics').innerText();
  const shownAuc = new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(expected.auc);
  assert.match(metrics, new RegExp(`On your data file: AUC ${shownAuc}`));
  // The form scores and explains.
  await page.locator('#score').waitFor();
  await page.locator('#attribution').waitFor({ timeout: 60_000 });

  // Batch: the same rows, scored in the batch worker: the pipeline's figures.
  await page.locator('#batch-file').setInputFiles([file('transactions.csv', Buffer.from(csv), 'text/csv')]);
  await page.locator('#batch-start').click({ timeout: 60_000 });
  await page.locator('#batch-summary').waitFor({ timeout: 120_000 });
  const auc = Number(await page.locator('#eval-auc').getAttribute('data-value'));
  const ap = Number(await page.locator('#eval-ap').getAttribute('data-value'));
  assert.ok(Math.abs(auc - expected.auc) < 1e-4, `AUC ${auc} vs ${expected.auc}`);
  assert.ok(Math.abs(ap - expected.average_precision) < 1e-4, `AP ${ap} vs ${expected.average_precision}`);
  await screenshot(page, 'byo-ulb-mlp.png');
  const origin = new URL(server.origin).origin;
  assert.ok(requests.every((u) => u.startsWith(origin) || u.startsWith('blob:') || u.startsWith('data:')),
    'no request left the page\'s origin');
});

test('a brought model is kept on this device: listed after a reload until it is removed', async () => {
  const catalog = await readJson('models/catalog.json');
  const sha = catalog.models.find((m) => m.id === 'ulb-fraud-mlp').sha256;
  const id = `byo-${sha.slice(0, 12)}`;
  assert.match(await page.locator('#byo-kept-note').innerText(), /kept on this device/);
  await page.reload();
  await page.locator('#score').waitFor({ timeout: 60_000 });
  // Read back from the browser's private storage: under "Your models", and it scores.
  await page.locator(`#model optgroup option[value="${id}"]`).waitFor({ state: 'attached', timeout: 60_000 });
  await page.locator('#model').selectOption(id);
  await page.locator('#model-title', { hasText: 'Fraud MLP, brought by me' }).waitFor({ timeout: 60_000 });
  assert.match(await page.locator('.model-info .metrics').innerText(), /On your data file: AUC/);
  await page.locator('#score').click();
  await page.locator('#decision').waitFor();
  await page.locator('#byo summary').click();
  const kept = page.locator(`#byo-kept li[data-id="${id}"]`);
  assert.match(await kept.innerText(), /Fraud MLP, brought by me/);
  await screenshot(page, 'byo-kept.png');
  // Removed: gone from the list and the picker, the catalog's first model picked, and gone after a reload.
  await page.locator(`#byo-remove-${id}`).click();
  await kept.waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await page.locator(`#model option[value="${id}"]`).count(), 0);
  assert.equal(await page.locator('#model').inputValue(), catalog.models[0].id);
  await page.reload();
  await page.locator('#score').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  assert.equal(await page.locator(`#model option[value="${id}"]`).count(), 0, 'still gone after a reload');
  await page.locator('#byo summary').click();
});

/** The ULB sample as a stranger's file: the label `deny` written yes/no and V1 a yes/no
 * attribute (odd rows yes); beside it, the same rows with V1 as 1/0 for the catalog model. */
async function strangersFile() {
  const lines = (await readFile(path.join(ROOT, 'models/ulb-fraud-mlp/sample.csv'), 'utf8'))
    .trimEnd().split('\n').map((line) => line.slice(line.indexOf(',') + 1));
  const text = [lines[0].replace('Class', 'deny')];
  const numbers = [lines[0]];
  lines.slice(1).forEach((line, i) => {
    const fields = line.split(',');
    const one = (i + 1) % 2 === 1;
    const label = fields.pop();
    text.push([one ? 'yes' : 'no', ...fields.slice(1), label === '1' ? 'yes' : 'no'].join(','));
    numbers.push([one ? '1' : '0', ...fields.slice(1), label].join(','));
  });
  return { text: text.join('\n'), numbers: numbers.join('\n') };
}

test("a stranger's yes/no label is proposed, can be changed, and yes/no columns score as 1/0", async () => {
  const onnx = await readFile(path.join(ROOT, 'models/ulb-fraud-mlp/model.onnx'));
  const { text, numbers } = await strangersFile();
  await pick([file('deny.onnx', onnx), file('hmda.csv', Buffer.from(text), 'text/csv')]);
  await page.locator('#byo-report[data-loadable="true"]').waitFor({ timeout: 60_000 });
  assert.match(await page.locator('#byo-label-guessed').innerText(), /"deny" was taken as the label/);
  assert.equal(await page.locator('#byo-label').inputValue(), '29');
  assert.equal(await page.locator('#byo-positive').inputValue(), 'yes');
  assert.equal(await page.locator('#byo-negative').inputValue(), 'no');
  assert.match(await page.locator('#byo-converted').innerText(), /1 and 0: V1\./);
  assert.match(await page.locator('#byo-draft .byo-yes-no').first().innerText(), /no = 0, yes = 1/);
  // Choosing the other value as the positive swaps the two, and the draft is proposed again.
  await page.locator('#byo-positive').selectOption('no');
  await page.locator('#byo-positive option[value="no"][selected]').waitFor({ state: 'attached', timeout: 60_000 });
  assert.equal(await page.locator('#byo-negative').inputValue(), 'yes');
  assert.equal(await page.locator('#byo-label-guessed').count(), 0, 'a chosen label is no guess');
  await page.locator('#byo-positive').selectOption('yes');
  await page.locator('#byo-positive option[value="yes"][selected]').waitFor({ state: 'attached', timeout: 60_000 });
  await screenshot(page, 'byo-label-picker.png');
  // In Chinese too.
  await page.locator('#lang').selectOption('zh-CN');
  assert.match(await page.locator('#byo-converted').innerText(), /按 1 和 0 输入模型：V1/);
  assert.match(await page.locator('#byo-label-choice').innerText(), /取值不是 yes 或 no 的行不计入评估/);
  await screenshot(page, 'zh-CN-byo-label-picker.png');
  await page.locator('#lang').selectOption('en');
  await page.locator('#byo-title').fill('Deny, brought by me');
  await page.locator('#byo-task').selectOption('fraud');
  await page.locator('#byo-use').click();
  await page.locator('#byo-loaded').waitFor({ timeout: 120_000 });

  // The form offers V1 as no or yes.
  const v1 = page.locator('#f-V1');
  assert.deepEqual(await v1.locator('option').evaluateAll((o) => o.map((x) => x.value).filter(Boolean)), ['no', 'yes']);

  // Oracle: the user's model on the yes/no file ranks exactly as the catalog model on 1/0.
  await page.locator('#batch-file').setInputFiles([file('hmda.csv', Buffer.from(text), 'text/csv')]);
  await page.locator('#map-label').waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('#map-label').inputValue(), '29', 'the label chosen when brought in');
  assert.equal(await page.locator('#map-positive').inputValue(), 'yes');
  await page.locator('#batch-start').click({ timeout: 60_000 });
  await page.locator('#batch-summary').waitFor({ timeout: 120_000 });
  assert.equal(await page.locator('#batch-summary').getAttribute('data-errors'), '0');
  const mine = Number(await page.locator('#eval-auc').getAttribute('data-value'));
  await selectModel(page, 'ulb-fraud-mlp');
  await page.locator('#batch-file').setInputFiles([file('numbers.csv', Buffer.from(numbers), 'text/csv')]);
  await page.locator('#batch-start').click({ timeout: 60_000 });
  await page.locator('#batch-summary').waitFor({ timeout: 120_000 });
  const theirs = Number(await page.locator('#eval-auc').getAttribute('data-value'));
  assert.ok(Number.isFinite(mine) && mine > 0.5, `AUC ${mine}`);
  assert.equal(mine, theirs);
});

// A scikit-learn pipeline exported from a DataFrame (skl2onnx's defaults: one input per column,
// the 13 text columns as string inputs read by the graph's OneHotEncoders) with the catalog's
// German sample, which names every input, adds age_band and ends with the label.
test('a scikit-learn pipeline with one input per column, string categories included, is brought and scores', async () => {
  const onnx = await readFile(path.join(ROOT, 'tests/fixtures/onnx-ml/german-logreg-pipeline.onnx'));
  const csv = (await readFile(path.join(ROOT, 'models/german-credit-logistic/sample.csv'), 'utf8')).trimEnd();
  await pick([file('pipeline.onnx', onnx), file('german.csv', Buffer.from(csv), 'text/csv')]);
  await page.locator('#byo-report[data-loadable="true"]').waitFor({ timeout: 60_000 });
  assert.match(await page.locator('#byo-findings').innerText(), /20 inputs, one per column/);
  assert.match(await page.locator('#byo-fit').innerText(), /label column: defaulted/);
  // Each string input is a category column with the encoder's categories.
  const texts = page.locator('#byo-draft .byo-texts');
  assert.equal(await texts.count(), 13);
  assert.match(await texts.first().innerText(), /4 categories, as the model's encoder knows them; any other text/);
  await screenshot(page, 'byo-pipeline-draft.png');
  await page.locator('#byo-title').fill('German pipeline, brought by me');
  await page.locator('#byo-use').click();
  await page.locator('#byo-loaded').waitFor({ timeout: 120_000 });

  // The form offers the encoder's purposes, and any other value.
  const purpose = page.locator('#f-purpose');
  const options = await purpose.locator('option').evaluateAll((o) => o.map((x) => x.textContent));
  assert.ok(options.includes('radio/television') && options.at(-1) === 'Any other value', options.join(' | '));
  // Oracle: a golden row whose purpose the encoder never saw, typed into the form, scores as
  // onnxruntime scored it (the text under "Any other value": all the encoder's columns 0).
  const golden = await readJson('tests/fixtures/onnx-ml/german-logreg-pipeline.json');
  const r = [...Array(golden.rows).keys()].find((i) => golden.inputs.every((input) => input.values[i] !== null)
    && golden.inputs.find((input) => input.name === 'purpose').values[i] === '(not in the training data)');
  for (const input of golden.inputs) {
    const control = page.locator(`[name="${input.name}"]`);
    const value = input.values[r];
    if (input.type !== 'string') await control.fill(String(value));
    else if (value === '(not in the training data)') await control.selectOption({ label: 'Any other value' });
    else await control.selectOption(value);
  }
  await page.locator('#score').click();
  const figure = page.locator('.result:not(.stale) #result-score');
  await figure.waitFor({ timeout: 60_000 });
  const shown = Number(await figure.getAttribute('data-score'));
  const want = golden.outputs.find((o) => o.name === 'output_probability').values[r * 2 + 1];
  assert.ok(Math.abs(shown - want) < 1e-5, `row ${r}: ${shown} vs onnxruntime's ${want}`);
  await page.locator('#attribution').waitFor({ timeout: 60_000 });

  // A file with purposes the model never saw: scored (as the encoder scores them) and noted.
  const rows = csv.split('\n');
  const column = rows[0].split(',').indexOf('purpose');
  const unseen = rows.map((line, i) => {
    if (i === 0 || i > 3) return line;
    const fields = line.split(',');
    fields[column] = 'a purpose never seen';
    return fields.join(',');
  }).join('\n');
  await page.locator('#batch-file').setInputFiles([file('unseen.csv', Buffer.from(unseen), 'text/csv')]);
  await page.locator('#batch-start').click({ timeout: 60_000 });
  await page.locator('#batch-summary').waitFor({ timeout: 120_000 });
  assert.equal(await page.locator('#batch-summary').getAttribute('data-errors'), '0');
  assert.equal(await page.locator('#batch-noted li[data-feature="purpose"]').getAttribute('data-unseen'), '3');
  const auc = Number(await page.locator('#eval-auc').getAttribute('data-value'));
  assert.ok(auc > 0.7, `AUC ${auc}`);
  await screenshot(page, 'byo-pipeline-batch.png');
  await page.locator('#lang').selectOption('zh-CN');
  assert.match(await page.locator('#batch-noted').innerText(), /模型未见过的类别/);
  await screenshot(page, 'zh-CN-byo-pipeline-batch.png');
  await page.locator('#lang').selectOption('en');
});

test('files that are not usable models are refused with the reason and the fix', async () => {
  const cases = [
    [file('manifest-by-mistake.onnx', await readFile(path.join(ROOT, 'models/german-credit-logistic/manifest.json'))), /JSON \(a manifest\?\)/],
    [file('garbage.onnx', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 2654435761) >>> 24))), /not a readable ONNX model/],
    [file('empty.onnx', Buffer.alloc(0)), /the file is empty/],
  ];
  for (const [bad, reason] of cases) {
    await pick([bad]);
    await page.locator('#byo-report[data-loadable="false"]').waitFor({ timeout: 60_000 });
    assert.match(await page.locator('#byo-findings').innerText(), reason, bad.name);
    assert.equal(await page.locator('#byo-use').isDisabled(), true, bad.name);
  }
});

test('files dropped on the panel are checked as picked ones are', async () => {
  const onnx = await readFile(path.join(ROOT, 'models/german-credit-mlp/model.onnx'));
  const catalog = await readJson('models/catalog.json');
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'dropped.onnx'));
    return dt;
  }, [...onnx]);
  await page.locator('#byo-drop').dispatchEvent('drop', { dataTransfer });
  await page.locator('#byo-picked', { hasText: 'model dropped.onnx' }).waitFor({ timeout: 60_000 });
  await page.locator('#byo-report[data-loadable="true"]').waitFor({ timeout: 60_000 });
  const sha = catalog.models.find((m) => m.id === 'german-credit-mlp').sha256;
  assert.equal((await page.locator('#byo-sha256').innerText()).trim(), sha);
});

test('a model that makes tract panic kills only its worker; the page goes on', async () => {
  const lstm = await readFile(path.join(ROOT, 'tests/fixtures/lstm-without-state.onnx'));
  await pick([file('lstm.onnx', lstm)]);
  await page.locator('#byo-report[data-loadable="true"]').waitFor({ timeout: 60_000 });
  await page.locator('#byo-use').click();
  const error = page.locator('#byo-error');
  await error.waitFor({ timeout: 60_000 });
  const text = await error.innerText();
  assert.match(text, /tract panicked/);
  assert.match(text, /initial_h/);
  assert.match(text, /The page is unaffected/);
  // The page still scores with a catalog model.
  await selectModel(page, 'german-credit-logistic');
  await page.locator('#score').click();
  await page.locator('#decision').waitFor();
  assert.match(await page.locator('#decision').innerText(), /Approve|Decline/);
});

test('a catalog model file changed on the server is refused with its hash', async () => {
  // The German MLP's folder served with one bit of its ONNX file flipped.
  const { cp, writeFile: write } = await import('node:fs/promises');
  const folder = await scratchDir('tampered');
  await cp(path.join(ROOT, 'dist/models/german-credit-mlp'), folder, { recursive: true });
  const onnx = await readFile(path.join(folder, 'model.onnx'));
  onnx[onnx.length - 1] ^= 1;
  await write(path.join(folder, 'model.onnx'), onnx);
  const tampered = await openApp([], { mounts: { '/models/german-credit-mlp/': folder } });
  try {
    await tampered.page.locator('#model').selectOption('german-credit-mlp');
    const alert = tampered.page.locator('.load-error');
    await alert.waitFor({ timeout: 60_000 });
    const text = await alert.innerText();
    assert.match(text, /german-credit-mlp\/model\.onnx: SHA-256 [0-9a-f]{64} is not the [0-9a-f]{64} the catalog lists; refusing a changed model file/);
  } finally {
    await tampered.context.close();
    await tampered.server.close();
  }
});
