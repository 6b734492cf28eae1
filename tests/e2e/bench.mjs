// The page benchmark (issue 8): for each catalog model, tract (this app's wasm) and
// onnxruntime-web (npm, wasm backend) on the same rows in the same page, served on 127.0.0.1
// with cross-origin isolation so onnxruntime-web may also use threads. Writes a JSON report and
// prints a table. `scripts/bench` builds the release site and runs it; `bench.test.mjs` runs a
// short smoke variant (no thresholds) in the test command so it cannot rot.
//
//   node tests/e2e/bench.mjs [--smoke] [--out bench/report.json]
import { readFile, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DIST, ROOT, launchBrowser, openApp, readJson, selectModel, serveDist, startBatchAndWait, ULB_CSV,
} from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ORT_DIR = path.join(HERE, 'node_modules/onnxruntime-web/dist');
/** The onnxruntime-web files a page needs for its wasm backend. */
const ORT_FILES = ['ort.wasm.min.js', 'ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs'];
/** Rows each model's batch throughput runs over: its data set's size. */
const DATA_SET_ROWS = { german: 1000, taiwan: 30000, ulb: 284807 };
/** Default exports of the conversion corpus's benchmark models (Taiwan's 23 columns), brought as
 * a user brings a model: the file and the Taiwan sample, through the page's own proposal. */
const CORPUS_DIR = path.join(ROOT, 'tests/fixtures/onnx-ml');
const CORPUS_BENCH = ['bench-lightgbm-300', 'bench-xgboost-300', 'bench-random-forest-200'];

const FULL = { coldRuns: 7, blocks: 50, perBlock: 20, attributionCalls: 1000, batches: [1, 256, 4096], rowsCap: Infinity, minMs: 500 };
const SMOKE = { coldRuns: 1, blocks: 3, perBlock: 5, attributionCalls: 3, batches: [1, 256, 4096], rowsCap: 4096, minMs: 0 };

function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

const summary = (ms) => ({ median_ms: quantile(ms, 0.5), p95_ms: quantile(ms, 0.95), calls: ms.length });
/** Single-row scores are timed in blocks of `perBlock` calls (one call is below the isolated
 * page's clock resolution); median and p95 are over the blocks' per-call means. */
const blockSummary = (ms, perBlock) => ({ ...summary(ms), calls: ms.length * perBlock, blocks: ms.length });

async function sizes(root, files) {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const body = await readFile(path.join(root, f));
    raw += body.length;
    gzip += gzipSync(body, { level: 6 }).length;
  }
  return { files: files.length, raw_bytes: raw, gzip_bytes: gzip };
}

async function listFiles(dir, base = dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full));
  }
  return out;
}

function machine() {
  let chromium = '';
  try {
    chromium = execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch { /* reported empty */ }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`,
    node: process.version, chromium,
  };
}

/** Runs one model in the page: tract through the app's exported BenchModel, then onnxruntime-web. */
async function benchModel(page, entry, cfg, ortThreads, brought = null) {
  const dataset = brought ? 'taiwan' : entry.id.split('-')[0];
  const totalRows = Math.min(DATA_SET_ROWS[dataset] ?? 1000, cfg.rowsCap);
  return page.evaluate(async ({ entry, cfg, totalRows, ortThreads, brought }) => {
    const get = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
    const b = window.wasmBindings;
    let manifestText;
    let onnx;
    let reference;
    let sample;
    if (brought) {
      onnx = await get(`/corpus/${entry.id}.onnx`);
      sample = new TextEncoder().encode(brought.csv);
      [manifestText, reference] = b.bench_brought(onnx, sample);
    } else {
      const folder = entry.manifest.split('/')[0];
      manifestText = new TextDecoder().decode(await get(`models/${entry.manifest}`));
      onnx = await get(`models/${entry.onnx}`);
      const explain = JSON.parse(manifestText).explain;
      reference = await get(`models/${folder}/${explain.reference}`);
      sample = await get(`models/${entry.sample.path}`);
    }
    const manifest = JSON.parse(manifestText);
    const model = new b.BenchModel(manifestText, onnx, reference, sample);
    const width = model.width();
    const n = model.n_rows();
    const tract = {
      load_ms: model.load_ms(), reference_ms: model.reference_ms(),
      single: Array.from(model.single(cfg.blocks, cfg.perBlock, false)),
      attribution: Array.from(model.single(cfg.attributionCalls, 1, true)),
      throughput: {},
    };
    for (const batch of cfg.batches) tract.throughput[batch] = model.throughput(batch, totalRows, cfg.minMs);
    const inputs = model.inputs();
    const tractScores = model.scores();
    model.free();

    // onnxruntime-web on the same rows. A converter's default export ends in a ZipMap, whose
    // sequence of maps onnxruntime-web cannot return: its input, the probability tensor RiskScope
    // reads, is made a graph output too (a second graph field appended to the model, which a
    // protobuf reader merges into the first) and fetched instead.
    const ort = window.ort;
    const out = { threads: {} };
    const { bytes: ortOnnx, output: outputName } = exposeZipMapInput(onnx, manifest.model.output.name);
    const column = manifest.model.output.column ?? 0;
    const scoresOf = (result) => {
      const t = result[outputName];
      const cols = t.dims.length > 1 ? t.dims[t.dims.length - 1] : 1;
      return Array.from({ length: t.dims[0] }, (_, i) => t.data[i * cols + Math.min(column, cols - 1)]);
    };
    for (const threads of ortThreads) {
      ort.env.wasm.numThreads = threads;
      const t0 = performance.now();
      const session = await ort.InferenceSession.create(ortOnnx, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      const load = performance.now() - t0;
      const input = session.inputNames[0];
      const run = (rows) => session.run({ [input]: new ort.Tensor('float32', rows, [rows.length / width, width]) }, [outputName]);
      const r = { load_ms: load, single: [], throughput: {} };
      let k = 0;
      for (let blk = 0; blk < cfg.blocks; blk++) {
        const t = performance.now();
        for (let c = 0; c < cfg.perBlock; c++) {
          const i = k++ % n;
          await run(inputs.subarray(i * width, (i + 1) * width));
        }
        r.single.push((performance.now() - t) / cfg.perBlock);
      }
      for (const batch of cfg.batches) {
        // Whole passes over the data set's size until the scoring took cfg.minMs at least.
        let done = 0;
        let next = 0;
        let elapsed = 0;
        const buffer = new Float32Array(batch * width);
        while (done === 0 || elapsed < cfg.minMs) for (let passDone = 0; passDone < totalRows;) {
          const rows = Math.min(batch, totalRows - passDone);
          for (let q = 0; q < rows; q++) {
            const i = (next + q) % n;
            buffer.set(inputs.subarray(i * width, (i + 1) * width), q * width);
          }
          next = (next + rows) % n;
          const t = performance.now();
          await run(buffer.subarray(0, rows * width));
          elapsed += performance.now() - t;
          done += rows;
          passDone += rows;
        }
        r.throughput[batch] = done / (elapsed / 1000);
      }
      if (threads === ortThreads[0]) {
        const ortScores = scoresOf(await run(inputs));
        let diff = 0;
        for (let i = 0; i < n; i++) diff = Math.max(diff, Math.abs(ortScores[i] - tractScores[i]) / Math.max(1, Math.abs(ortScores[i])));
        out.max_abs_diff = diff;
      }
      await session.release();
      out.threads[threads] = r;
    }
    return { rows: n, width, total_rows: totalRows, tract, ort: out };

    // The model's bytes with the ZipMap's input (if `name` is a ZipMap's output) as a graph
    // output, and the name to fetch.
    function exposeZipMapInput(bytes, name) {
      const varint = (buf, at) => {
        let value = 0; let shift = 1; let i = at;
        for (;;) {
          const b = buf[i++];
          value += (b & 0x7f) * shift;
          shift *= 128;
          if (b < 0x80) return [value, i];
        }
      };
      // [field, wire type, payload start, payload end] of each field of a message.
      const fields = (buf, start, end) => {
        const list = [];
        for (let i = start; i < end;) {
          const [key, at] = varint(buf, i);
          const field = Math.floor(key / 8); const wire = key & 7;
          if (wire === 0) { const [, next] = varint(buf, at); list.push([field, wire, at, next]); i = next; }
          else if (wire === 2) { const [len, from] = varint(buf, at); list.push([field, wire, from, from + len]); i = from + len; }
          else if (wire === 1) { list.push([field, wire, at, at + 8]); i = at + 8; }
          else if (wire === 5) { list.push([field, wire, at, at + 4]); i = at + 4; }
          else throw new Error(`bench: protobuf wire type ${wire}`);
        }
        return list;
      };
      const text = (buf, [, , a, b]) => new TextDecoder().decode(buf.subarray(a, b));
      const graph = fields(bytes, 0, bytes.length).find(([f]) => f === 7);
      for (const node of fields(bytes, graph[2], graph[3]).filter(([f]) => f === 1)) {
        const parts = fields(bytes, node[2], node[3]);
        const op = parts.find(([f]) => f === 4);
        const output = parts.find(([f]) => f === 2);
        if (op && text(bytes, op) === 'ZipMap' && output && text(bytes, output) === name) {
          const input = text(bytes, parts.find(([f]) => f === 1));
          const encode = (n) => { const o = []; while (n >= 0x80) { o.push((n & 0x7f) | 0x80); n = Math.floor(n / 128); } o.push(n); return o; };
          const message = (field, payload) => [...encode(field * 8 + 2), ...encode(payload.length), ...payload];
          // ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type: FLOAT } } }.
          const valueInfo = [...message(1, [...new TextEncoder().encode(input)]), ...message(2, message(1, [8, 1]))];
          const appended = message(7, message(12, valueInfo));
          const merged = new Uint8Array(bytes.length + appended.length);
          merged.set(bytes);
          merged.set(appended, bytes.length);
          return { bytes: merged, output: input };
        }
      }
      return { bytes, output: name };
    }
  }, { entry, cfg, totalRows, ortThreads, brought });
}

/** How the measured wasm was built: Cargo.toml's release profile and the target's rustflags. */
async function buildProfile() {
  const section = (text, name) => text.split(/^\[/m).find((s) => s.startsWith(`${name}]`))?.trim() ?? '';
  const cargo = await readFile(path.join(ROOT, 'Cargo.toml'), 'utf8');
  const config = await readFile(path.join(ROOT, '.cargo/config.toml'), 'utf8');
  const lines = (s) => s.split('\n').slice(1).filter((l) => l && !l.startsWith('#')).join('; ');
  return {
    command: 'trunk build --release --locked (no wasm-opt)',
    profile_release: lines(section(cargo, 'profile.release')),
    wasm32_rustflags: lines(section(config, 'target.wasm32-unknown-unknown')),
  };
}

/** The full ULB CSV through the page's batch scoring, as a user runs it: from choosing the file
 * to the results table, with the worker's own figures. */
async function ulbEndToEnd(page) {
  let bytes;
  try {
    bytes = (await stat(ULB_CSV)).size;
  } catch {
    return { skipped: `no cached ${path.relative(ROOT, ULB_CSV)} (models/train fetches it)` };
  }
  await selectModel(page, 'ulb-fraud-mlp');
  const t0 = Date.now();
  await page.locator('#batch-file').setInputFiles(ULB_CSV);
  const s = await startBatchAndWait(page, 600_000);
  await page.locator('#batch-table tbody tr:not(.spacer)').first().waitFor();
  return {
    file_mb: bytes / 1e6, rows: s.rows, scored: s.scored, errors: s.errors,
    file_to_results_ms: Date.now() - t0, worker_ms: s.ms, read_and_score_ms: s.scoringMs,
  };
}

/** Records, in the page, when the form's Score button first exists (a MutationObserver's
 * callback runs right after the DOM change, so this is the page's own clock at the moment). */
function watchFormReady() {
  const seen = () => {
    if (!document.getElementById('score')) return false;
    window.riskscopeFormReadyMs = performance.now();
    return true;
  };
  new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
    .observe(document, { childList: true, subtree: true });
}

/** Where a load's time went, from the page's Navigation and Resource Timing entries (ms since
 * navigation start). `app_started_ms` is when the app asked for the catalog: the wasm is then
 * compiled, instantiated and rendering. */
function loadPhases() {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const first = (re) => resources.find((r) => re.test(new URL(r.name).pathname));
  const wasm = first(/\.wasm$/);
  const catalog = first(/catalog\.json$/);
  const model = first(/\.onnx$/);
  return {
    form_ready_ms: window.riskscopeFormReadyMs,
    html_ms: nav.responseEnd,
    wasm_fetch_start_ms: wasm?.startTime,
    wasm_fetched_ms: wasm?.responseEnd,
    wasm_from_service_worker: wasm ? wasm.workerStart > 0 : null,
    app_started_ms: catalog?.startTime,
    model_fetched_ms: model?.responseEnd,
    load_event_ms: nav.loadEventEnd,
  };
}

const medianOf = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k,
  typeof runs[0][k] === 'number' ? quantile(runs.map((r) => r[k]), 0.5) : runs[0][k]]));

/**
 * Cold loads, each in a fresh browser profile: the first visit (nothing cached; the service
 * worker registers and fills its cache after the page's load event), then a reload once the
 * service worker is active (a repeat visit: every file from its cache). Medians over `runs`.
 */
async function coldLoads(runs) {
  const server = await serveDist();
  const first = [];
  const repeat = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      const context = await launchBrowser();
      try {
        await context.addInitScript(watchFormReady);
        const page = await context.newPage();
        await page.goto(server.origin + '/');
        await page.locator('#score').waitFor({ timeout: 60_000 });
        first.push(await page.evaluate(loadPhases));
        await page.evaluate(() => navigator.serviceWorker.ready);
        await page.reload();
        await page.locator('#score').waitFor({ timeout: 60_000 });
        repeat.push(await page.evaluate(loadPhases));
      } finally {
        await context.close();
      }
    }
  } finally {
    await server.close();
  }
  return { runs, first_visit: medianOf(first), repeat_visit: medianOf(repeat), first_visit_runs: first.map((r) => r.form_ready_ms) };
}

/** Runs the benchmark; resolves to the report. */
export async function runBench({ smoke = false, out = null, log = console.log } = {}) {
  const cfg = smoke ? SMOKE : FULL;
  const catalog = await readJson('models/catalog.json');
  const requests = [];
  const cold = await coldLoads(cfg.coldRuns);
  // onnxruntime-web is not part of the app: its scripts and workers are let past the app's CSP.
  const { server, context, page } = await openApp(requests, { mounts: { '/ort/': ORT_DIR, '/corpus/': CORPUS_DIR }, isolated: true }, { bypassCSP: true });
  try {
    await page.addScriptTag({ url: '/ort/ort.wasm.min.js' });
    const isolated = await page.evaluate(() => {
      window.ort.env.wasm.wasmPaths = '/ort/';
      return window.crossOriginIsolated;
    });
    const ortThreads = isolated ? [1, Math.min(4, os.cpus().length)] : [1];
    const report = {
      generated: new Date().toISOString(), smoke, machine: machine(), build: await buildProfile(),
      cross_origin_isolated: isolated, cold_load_to_form_ms: cold.first_visit.form_ready_ms, cold_load: cold,
      transfer: {}, models: {}, corpus: {},
    };
    // What a visit loads: the code and every catalog model (the sample CSVs only on request).
    const distFiles = (await listFiles(DIST)).filter((f) => !f.startsWith('.stage'));
    const samples = distFiles.filter((f) => f.endsWith('.csv'));
    const app = distFiles.filter((f) => !f.endsWith('.csv'));
    report.transfer.app_total = await sizes(DIST, app);
    report.transfer.app_code = await sizes(DIST, app.filter((f) => !f.startsWith('models/')));
    report.transfer.app_models = await sizes(DIST, app.filter((f) => f.startsWith('models/')));
    report.transfer.samples_on_request = await sizes(DIST, samples);
    report.transfer.onnxruntime_web = await sizes(ORT_DIR, ORT_FILES);
    // The Taiwan sample without its ID and age_band columns: the corpus models' 23 inputs and
    // the label.
    const taiwan = (await readFile(path.join(ROOT, 'models/taiwan-credit-lightgbm/sample.csv'), 'utf8')).trimEnd()
      .split('\n').map((line) => { const f = line.split(','); f.splice(f.length - 2, 1); return f.slice(1).join(','); }).join('\n');
    const jobs = [
      ...catalog.models.map((entry) => ({ entry, brought: null, into: report.models })),
      ...CORPUS_BENCH.map((id) => ({ entry: { id }, brought: { csv: taiwan }, into: report.corpus })),
    ];
    for (const { entry, brought, into } of jobs) {
      const r = await benchModel(page, entry, cfg, ortThreads, brought);
      const tractSingle = blockSummary(r.tract.single, cfg.perBlock);
      const ortSingle = blockSummary(r.ort.threads[1].single, cfg.perBlock);
      into[entry.id] = {
        rows: r.rows, total_rows: r.total_rows,
        tract: {
          load_ms: r.tract.load_ms, reference_ms: r.tract.reference_ms,
          score: tractSingle, score_and_attribution: summary(r.tract.attribution),
          rows_per_s: r.tract.throughput,
        },
        onnxruntime_web: Object.fromEntries(Object.entries(r.ort.threads).map(([t, o]) => [`threads_${t}`, {
          load_ms: o.load_ms, score: blockSummary(o.single, cfg.perBlock), rows_per_s: o.throughput,
        }])),
        max_abs_diff: r.ort.max_abs_diff,
        ratio_tract_over_ort_1t: {
          single_latency: tractSingle.median_ms / ortSingle.median_ms,
          ...Object.fromEntries(cfg.batches.map((b) => [`throughput_batch_${b}`, r.tract.throughput[b] / r.ort.threads[1].throughput[b]])),
        },
      };
      log(`${entry.id}: done`);
    }
    report.ulb_csv_end_to_end = smoke ? { skipped: 'smoke run' } : await ulbEndToEnd(page);
    log(`ULB CSV end to end: ${JSON.stringify(report.ulb_csv_end_to_end)}`);
    const foreign = requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    report.foreign_requests = foreign;
    if (out) {
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, JSON.stringify(report, null, 2) + '\n');
    }
    return report;
  } finally {
    await context.close();
    await server.close();
  }
}

export function printReport(report, log = console.log) {
  const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const k = (x) => (Number.isFinite(x) ? `${(x / 1000).toFixed(0)}k` : '–');
  const mb = (x) => (x / 1e6).toFixed(2);
  const t = report.transfer;
  const c = report.cold_load;
  if (c) {
    const phases = (v) => `html ${f(v.html_ms, 0)}, wasm fetched ${f(v.wasm_fetched_ms, 0)}, app started ` +
      `${f(v.app_started_ms, 0)}, model fetched ${f(v.model_fetched_ms, 0)}, form ${f(v.form_ready_ms, 0)} ms`;
    log(`cold load, median of ${c.runs}: first visit ${phases(c.first_visit)}; repeat visit ${phases(c.repeat_visit)}`);
  }
  log(`cold load to form ${f(report.cold_load_to_form_ms, 0)} ms; app transfer ${mb(t.app_total.gzip_bytes)} MB gzip ` +
    `(${mb(t.app_total.raw_bytes)} MB raw; code ${mb(t.app_code.gzip_bytes)}, models ${mb(t.app_models.gzip_bytes)} MB gzip); ` +
    `onnxruntime-web's wasm backend alone ${mb(t.onnxruntime_web.gzip_bytes)} MB gzip (${mb(t.onnxruntime_web.raw_bytes)} MB raw)`);
  const rows = Object.entries({ ...report.models, ...report.corpus }).map(([id, m]) => ({
    model: id,
    'load ms tract/ort': `${f(m.tract.load_ms)} / ${f(m.onnxruntime_web.threads_1.load_ms)}`,
    'score µs tract/ort (median)': `${f(m.tract.score.median_ms * 1000, 0)} / ${f(m.onnxruntime_web.threads_1.score.median_ms * 1000, 0)}`,
    'score+attr ms p95': f(m.tract.score_and_attribution.p95_ms, 2),
    'rows/s @4096 tract/ort': `${k(m.tract.rows_per_s[4096])} / ${k(m.onnxruntime_web.threads_1.rows_per_s[4096])}`,
    'ratio @4096': f(m.ratio_tract_over_ort_1t.throughput_batch_4096, 2),
    'latency ratio': f(m.ratio_tract_over_ort_1t.single_latency, 2),
    'max diff': m.max_abs_diff?.toExponential(1),
  }));
  console.table(rows);
  const u = report.ulb_csv_end_to_end;
  if (u && !u.skipped) {
    log(`ULB CSV end to end (${f(u.file_mb)} MB, ${u.rows} rows, ${u.errors} errors): ${f(u.file_to_results_ms, 0)} ms ` +
      `from choosing the file to the results table (worker ${f(u.worker_ms, 0)} ms, read + score ${f(u.read_and_score_ms, 0)} ms)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const smoke = process.argv.includes('--smoke');
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? path.resolve(process.argv[at + 1]) : path.join(ROOT, smoke ? 'tests/output/bench-smoke.json' : 'bench/report.json');
  await stat(ORT_DIR).catch(() => {
    throw new Error(`${ORT_DIR} is missing: run scripts/setup (npm installs onnxruntime-web)`);
  });
  const report = await runBench({ smoke, out });
  printReport(report);
  console.log(`report: ${out}`);
}
