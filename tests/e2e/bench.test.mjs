// The benchmark's smoke variant (a few calls per figure, no thresholds): it runs in the test
// command so `scripts/bench` cannot rot. Its oracle: tract and onnxruntime-web, given the same
// rows in the same page, agree to 1e-4 on every bundled sample row of every model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT } from './harness.mjs';
import { runBench, printReport } from './bench.mjs';

test('benchmark smoke run: every model in tract and onnxruntime-web, same scores', async () => {
  const report = await runBench({ smoke: true, out: path.join(ROOT, 'tests/output/bench-smoke.json'), log: () => {} });
  printReport(report);
  const catalog = JSON.parse(await (await import('node:fs/promises')).readFile(path.join(ROOT, 'models/catalog.json'), 'utf8'));
  assert.deepEqual(Object.keys(report.models), catalog.models.map((m) => m.id));
  // The corpus's 300-tree boosters and 200-tree forest, brought through the page's proposal.
  assert.deepEqual(Object.keys(report.corpus), ['bench-lightgbm-300', 'bench-xgboost-300', 'bench-random-forest-200']);
  for (const [id, m] of Object.entries({ ...report.models, ...report.corpus })) {
    assert.ok(m.max_abs_diff < 1e-4, `${id}: tract and onnxruntime-web differ by ${m.max_abs_diff}`);
    assert.ok(m.tract.score.median_ms > 0 && Number.isFinite(m.tract.rows_per_s[4096]), id);
    assert.ok(Number.isFinite(m.onnxruntime_web.threads_1.rows_per_s[4096]), id);
  }
  assert.ok(report.transfer.app_total.gzip_bytes > 0);
  assert.deepEqual(report.foreign_requests, []);
});
