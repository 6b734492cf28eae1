// Shared by the end-to-end tests: serve the built site on 127.0.0.1 and drive Debian's Chromium.
import { createServer } from 'node:http';
import { readFile, mkdir, mkdtemp } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.RISKSCOPE_DIST ?? path.join(ROOT, 'dist');
export const OUTPUT = path.join(ROOT, 'tests/output');
/** The pipeline's cached copy of the full ULB file (models/train fetches it), if present. */
export const ULB_CSV = path.join(ROOT, 'models/.cache/ulb-creditcard-fraud/creditcard.csv');

const scratch = [];
process.on('exit', () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh folder under the system's temporary folder, removed when the test process exits (a
 * Chromium profile is some 80 MB; left behind, a few hundred runs fill a disk).
 */
export async function scratchDir(name) {
  const dir = await mkdtemp(path.join(tmpdir(), `riskscope-${name}-`));
  scratch.push(dir);
  return dir;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * Serves DIST on 127.0.0.1 at a free port; resolves to { origin, close }; `close` also drops the
 * browser's kept-alive connections, so after it nothing is served at all. `mounts` serves other
 * folders under a path prefix ({ '/ort/': dir }); `isolated` adds the cross-origin isolation
 * headers (COOP/COEP) that threads in onnxruntime-web need.
 */
export async function serveDist({ mounts = {}, isolated = false } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    const prefix = Object.keys(mounts).find((p) => pathname.startsWith(p));
    const root = prefix ? path.resolve(mounts[prefix]) : DIST;
    const rel = (prefix ? pathname.slice(prefix.length) : pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
      if (isolated) {
        headers['cross-origin-opener-policy'] = 'same-origin';
        headers['cross-origin-embedder-policy'] = 'require-corp';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const close = () => new Promise((r) => {
    server.close(r);
    server.closeAllConnections();
  });
  return { origin: `http://127.0.0.1:${port}`, close };
}

/** Debian's Chromium, headless, with the flags this closed network needs, in a fresh profile. */
export async function launchBrowser({ bypassCSP = false, locale = 'en-US' } = {}) {
  const profile = await scratchDir('chromium');
  return chromium.launchPersistentContext(profile, {
    bypassCSP,
    locale,
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 1100 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export async function screenshot(page, name) {
  await mkdir(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const AXE = path.join(ROOT, 'tests/e2e/node_modules/axe-core/axe.min.js');

/**
 * Runs axe-core (WCAG 2.1 A and AA) on the page as it is and returns its serious and critical
 * violations as { id, impact, nodes, first }. The page's CSP forbids injected scripts: the
 * browser must be launched with bypassCSP.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ content: await readFile(AXE, 'utf8') });
  }
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, first: v.nodes[0]?.target.join(' ') }));
  });
}

export async function readJson(rel) {
  return JSON.parse(await readFile(path.join(ROOT, rel), 'utf8'));
}

/**
 * Serves the site, opens it in a fresh Chromium and waits for the form. The URL of every request
 * the browser makes for the page (its own, its batch worker's, its service worker's) is pushed to
 * `requests`; a page error fails the test run.
 */
export async function openApp(requests, serveOptions, browserOptions) {
  const server = await serveDist(serveOptions);
  const context = await launchBrowser(browserOptions);
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(server.origin + '/');
  await page.locator('#score').waitFor({ timeout: 60_000 });
  return { server, context, page };
}

/**
 * Picks catalog model `id` in the page and waits for its workspace (titled in `lang`); resolves
 * to its manifest.
 */
export async function selectModel(page, id, lang = 'en') {
  const manifest = await readJson(`models/${id}/manifest.json`);
  const title = manifest.translations?.[lang]?.title ?? manifest.title;
  await page.locator('#model').selectOption(id);
  await page.locator('#model-title', { hasText: title }).waitFor({ timeout: 60_000 });
  return manifest;
}

/** Starts the batch job once its mapping step shows and waits for the summary; returns the
 * summary's figures (rows, scored, errors, the worker's total and read + score times, its
 * memory). */
export async function startBatchAndWait(page, timeout = 120_000) {
  await page.locator('#batch-start').click({ timeout: 60_000 });
  const summary = page.locator('#batch-summary');
  await summary.waitFor({ timeout });
  const num = async (name) => Number(await summary.getAttribute(name));
  return {
    rows: await num('data-rows'), scored: await num('data-scored'), errors: await num('data-errors'),
    ms: await num('data-ms'), scoringMs: await num('data-scoring-ms'), workerMb: await num('data-worker-mb'),
  };
}
