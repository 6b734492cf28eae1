// Languages: a browser that prefers Simplified Chinese gets the whole page in zh-CN, every view
// of every model; no English word is left visible (text, labels, titles, text alternatives),
// except abbreviations, names and the user's own data (marked translate="no"); axe finds no
// serious or critical violation in Chinese either; the switch changes the language, and the
// pick outlives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, axeViolations, openApp, readJson, scratchDir, screenshot, selectModel } from './harness.mjs';

let server;
let context;
let page;

before(async () => {
  ({ server, context, page } = await openApp([], undefined, { bypassCSP: true, locale: 'zh-CN' }));
});

after(async () => {
  await context?.close();
  await server?.close();
});

/** Words that stay as they are in a Chinese page (tests/i18n.rs keeps the same list). */
const SAME_IN_CHINESE = [
  'RiskScope', 'Statlog', 'alpha', 'Time', 'Amount', 'Brier', 'Shapley', 'tract', 'onnxruntime', 'skl2onnx', 'ZipMap', 'Sigmoid',
  'Softmax', 'ReLU', 'Tanh', 'Gemm', 'MatMul', 'Fluent', 'PyTorch', 'scikit', 'learn', 'sklearn',
  'initial_h', 'initial_c', 'float32', 'float', 'int64', 'zipmap', 'div', 'http', 'https',
  // Encodings' names (windows-1252).
  'windows',
  // Tree models: the library, its converter and a hyper-parameter's name.
  'LightGBM', 'onnxmltools', 'n_estimators',
].map((w) => w.toLowerCase());

/** Every visible English word on the page with where it is; the page's own words only. */
async function englishOnPage() {
  const found = await page.evaluate(() => {
    const out = [];
    const skip = (el) => el.closest('[translate="no"], script, style, noscript, #lang');
    const where = (el) => {
      const parts = [];
      for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
        parts.unshift(e.id ? `#${e.id}` : e.tagName.toLowerCase());
        if (e.id) break;
      }
      return parts.join(' > ');
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || skip(el) || !node.textContent.trim()) continue;
      const visible = el.tagName === 'OPTION'
        ? el.closest('select')?.checkVisibility()
        : el.checkVisibility({ visibilityProperty: true });
      if (visible) out.push({ text: node.textContent, at: where(el) });
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-description]')) {
      if (skip(el) || !el.checkVisibility()) continue;
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const text = el.getAttribute(attr);
        if (text) out.push({ text, at: `${where(el)} [${attr}]` });
      }
    }
    return out;
  });
  const english = [];
  for (const { text, at } of found) {
    const words = text
      // Code a fix tells the user to write (torch.onnx.export(model, …)) is code, not words.
      .replace(/[\w.]+\([^)]*\)/g, ' ')
      .split(/\s+/)
      // Paths, file names and dotted identifiers (torch.save) are names, not words.
      .filter((t) => !/[/\\]|\.(mjs|onnx|json|csv|md)\b|[A-Za-z_]\.[A-Za-z_]/.test(t))
      .join(' ')
      .split(/[^A-Za-z0-9_]+/)
      .filter((w) => w.length >= 3 && /^[A-Za-z]+$/.test(w) && !/^[A-Z]+$/.test(w))
      .filter((w) => !SAME_IN_CHINESE.includes(w.toLowerCase()));
    if (words.length) english.push(`${at}: ${JSON.stringify(text.trim().slice(0, 120))}`);
  }
  return [...new Set(english)];
}

async function audit() {
  return (await axeViolations(page)).map((v) => `${v.id} (${v.first})`);
}

/** The view's English words and axe violations, each prefixed with the view's name. */
async function check(view) {
  const english = (await englishOnPage()).map((e) => `${view}: English: ${e}`);
  const violations = (await audit()).map((v) => `${view}: axe: ${v}`);
  return [...english, ...violations];
}

const zh = (id) => readFile(path.join(ROOT, 'crates/core/locales/zh-CN/app.ftl'), 'utf8').then((text) =>
  text.split('\n').find((line) => line.startsWith(`${id} = `)).slice(id.length + 3));

test('a browser that prefers Chinese gets the page in Chinese', async () => {
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await page.locator('#lang').inputValue(), 'zh-CN');
  assert.equal((await page.locator('.privacy').textContent()).trim(), await zh('app-privacy'));
  assert.equal(await page.title(), await zh('app-document-title'));
});

test('every model\'s workspace, every section open, is all Chinese and passes axe', async () => {
  const catalog = await readJson('models/catalog.json');
  const problems = [];
  for (const entry of catalog.models) {
    await selectModel(page, entry.id, 'zh-CN');
    await page.locator('#score').click();
    await page.locator('#decision').waitFor({ timeout: 60_000 });
    // Open every collapsed section, nested ones too (opening one may reveal others).
    const closed = page.locator('.workspace details:not([open]) > summary');
    for (let i = 0; i < 50 && (await closed.count()) > 0; i++) await closed.first().click();
    // Views that compute after opening (teaching views, global importance) settle first.
    await page.waitForTimeout(500);
    problems.push(...(await check(entry.id)));
    if (entry.id === 'taiwan-credit-lstm') await screenshot(page, 'zh-CN-taiwan-credit-lstm.png');
  }
  assert.deepEqual(problems, []);
});

test('batch results with a bad row, in Chinese', async () => {
  await selectModel(page, 'german-credit-logistic', 'zh-CN');
  const lines = (await readFile(path.join(ROOT, 'models/german-credit-logistic/sample.csv'), 'utf8')).trimEnd().split('\n');
  const duration = lines[0].split(',').indexOf('duration_in_month');
  const bad = lines[5].split(',');
  bad[duration] = 'twelve';
  lines[5] = bad.join(',');
  const blank = lines[7].split(',');
  blank[duration] = '';
  lines[7] = blank.join(',');
  const dir = await scratchDir('i18n');
  const file = path.join(dir, 'applicants.csv');
  await writeFile(file, lines.join('\n') + '\n');
  await page.locator('#batch-file').setInputFiles(file);
  await page.locator('#batch-start').click({ timeout: 60_000 });
  await page.locator('#batch-summary').waitFor({ timeout: 120_000 });
  const errors = await page.locator('#batch-errors li').allTextContents();
  assert.equal(errors.length, 1);
  assert.ok(/[\u4e00-\u9fff]/.test(errors[0]) && errors[0].includes('twelve'), errors[0]);
  assert.equal(await page.locator('#batch-noted').getAttribute('data-noted'), '1');
  assert.match(await page.locator('#batch-noted li').textContent(), /1 行缺失，已填补/);
  assert.deepEqual(await check('batch'), []);
});

test('bring your own model: report and draft, in Chinese', async () => {
  await page.locator('#byo summary').click();
  const onnx = await readFile(path.join(ROOT, 'models/ulb-fraud-mlp/model.onnx'));
  await page.locator('#byo-files').setInputFiles([{ name: 'mine.onnx', mimeType: 'application/octet-stream', buffer: onnx }]);
  await page.locator('#byo-draft').waitFor({ timeout: 60_000 });
  assert.deepEqual(await check('byo'), []);
  // A file that is not ONNX: the refusal and its fix are Chinese too.
  await page.locator('#byo-files').setInputFiles([{ name: 'model.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 torch.save zip') }]);
  await page.locator('#byo-report[data-loadable="false"]').waitFor({ timeout: 60_000 });
  assert.deepEqual(await check('byo refusal'), []);
});

test('the switch changes the language, keeps what is on the page, and outlives a reload', async () => {
  // The German model's workspace holds batch results from above; type a value and score.
  await page.locator('[name="duration_in_month"]').fill('42');
  await page.locator('#score').click();
  const score = await page.locator('#result-score').getAttribute('data-score');
  const rows = await page.locator('#batch-summary').innerText();
  await page.locator('#lang').selectOption('en');
  await page.locator('html[lang="en"]').waitFor();
  // Same applicant, same score, same batch results: only the words changed.
  assert.equal(await page.locator('[name="duration_in_month"]').inputValue(), '42');
  assert.equal(await page.locator('#result-score').getAttribute('data-score'), score);
  await page.locator('#batch-summary').waitFor();
  assert.notEqual(await page.locator('#batch-summary').innerText(), rows, 'the summary is rewritten in English');
  assert.match(await page.locator('#decision').innerText(), /^(Approve|Decline)$/);
  const english = (await readFile(path.join(ROOT, 'crates/core/locales/en/app.ftl'), 'utf8'))
    .split('\n').find((l) => l.startsWith('app-privacy = ')).slice('app-privacy = '.length);
  assert.equal((await page.locator('.privacy').textContent()).trim(), english);
  assert.ok(!/[\u4e00-\u9fff]/.test(await page.locator('#main').innerText()), 'no Chinese left after switching to English');
  await page.reload();
  await page.locator('#score').waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.locator('#lang').selectOption('zh-CN');
  await page.locator('html[lang="zh-CN"]').waitFor();
  assert.equal((await page.locator('.privacy').textContent()).trim(), await zh('app-privacy'));
});

test('recourse for a declined German applicant, in Chinese: only what a person can act on', async () => {
  const id = 'german-credit-mlp';
  const manifest = await selectModel(page, id, 'zh-CN');
  const golden = (await readJson(`models/${id}/golden.json`)).rows;
  const row = golden.find((r) => r.score >= manifest.decision.cutoff + 0.2);
  for (const feature of manifest.features) {
    const control = page.locator(`[name="${feature.name}"]`);
    const text = row.raw[feature.name];
    if (feature.kind === 'category') {
      await control.selectOption(feature.categories.find((c) => c.value === text || c.code === text).value);
    } else {
      await control.fill(text);
    }
  }
  await page.locator('#score').click();
  await page.locator('.result:not(.stale) #result-score').waitFor();
  await page.locator('#find-counterfactuals').click();
  const first = page.locator('#counterfactuals > li').first();
  await first.waitFor({ timeout: 120_000 });
  // Nothing fixed by the manifest (history, purpose, personal attributes) is ever changed.
  const fixed = new Set(manifest.features.filter((f) => f.immutable || f.recourse?.lock === 'fixed').map((f) => f.name));
  const changed = await page.locator('#counterfactuals li[data-feature]').evaluateAll((els) => els.map((e) => e.dataset.feature));
  assert.ok(changed.length > 0);
  for (const name of changed) assert.ok(!fixed.has(name), `a suggestion changes ${name}`);
  assert.ok(/[\u4e00-\u9fff]/.test(await first.innerText()), 'the suggestion is written in Chinese');
  assert.deepEqual(await check('recourse'), []);
});

// Last: its results hold the file's Chinese place names, which the switch test above would
// rightly find on an English page.
test('a GBK file from a Chinese spreadsheet, in Chinese: read as GBK, its place names intact', async () => {
  await selectModel(page, 'german-credit-logistic', 'zh-CN');
  await page.locator('#batch-file').setInputFiles(path.join(ROOT, 'tests/fixtures/german-200-gbk.csv'));
  const encoding = page.locator('#batch-encoding');
  await encoding.waitFor({ timeout: 60_000 });
  assert.equal(await encoding.getAttribute('data-encoding'), 'GBK');
  assert.match(await encoding.textContent(), /按 GBK 读取（根据文件开头推断）/);
  await page.locator('#batch-start').click({ timeout: 60_000 });
  await page.locator('#batch-summary').waitFor({ timeout: 120_000 });
  assert.equal(await page.locator('#batch-summary').getAttribute('data-rows'), '200');
  assert.equal(await page.locator('#batch-text').getAttribute('data-replaced'), '0');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#batch-download').click()]);
  const out = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');
  assert.ok(out[0].includes('所在地'), out[0]);
  assert.ok(out[1].includes('上海市浦东新区') && out[4].includes('北京市朝阳区'), `${out[1]} / ${out[4]}`);
  assert.deepEqual(await check('batch encoding'), []);
});
