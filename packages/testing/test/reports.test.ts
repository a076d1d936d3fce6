// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText() is what a person sees, which is the point here
/**
 * Conformance reports as people and CI systems see them: the HTML report opened from
 * disk in Debian's chromium, the JUnit file parsed, `--verbose` on standard error, and a
 * terminal run whose standard output holds nothing but the result.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConformanceReport } from '../src/index.ts';
import { createSandboxWallet } from '../src/index.ts';
import { assertBuilt, runCli } from './cli-process.ts';
import type { Served } from './serve.ts';
import { serveUncheckedWallet } from './serve.ts';

const secret = 'reports-secret-never-shown';
const chromiumPath = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'tbb-wallet-reports-'));
const junitFile = join(dir, 'conformance.xml');
const htmlFile = join(dir, 'conformance.html');
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// A wallet that skips the signature check: the signature scenarios fail.
let broken: Served;
let report: ConformanceReport;
let stderr: string;
beforeAll(async () => {
  assertBuilt();
  broken = await serveUncheckedWallet(secret, createSandboxWallet());
  const args = ['--only', 'signatures', 'bet', '--json', '--junit', junitFile, '--report', htmlFile, '--verbose'];
  const run = await runCli(['conformance', '--url', broken.url, ...args], { env: { TBB_WALLET_SECRET: secret } });
  expect(run.code).toBe(1);
  report = JSON.parse(run.stdout);
  stderr = run.stderr;
});
afterAll(() => broken?.close());

describe('the run the reports are of', () => {
  it('has failures, passes and skips', () => {
    expect(report).toMatchObject({ failed: 6, skipped: 2, ok: false });
    expect(report.passed).toBeGreaterThan(0);
  });

  it('keeps every raw exchange, signature included, the secret never', () => {
    const wrong = report.results.find((r) => r.id === 'signatures.wrong-secret')!;
    expect(wrong.exchanges[0]).toMatchObject({
      method: 'POST',
      url: broken.url,
      requestHeaders: { 'content-type': 'application/json', 'x-request-sign': expect.stringMatching(/^[0-9a-f]{64}$/) },
      requestBody: expect.stringContaining('"action":"bet"'),
      status: 200,
    });
    for (const file of [htmlFile, junitFile]) expect(readFileSync(file, 'utf8')).not.toContain(secret);
    expect(JSON.stringify(report)).not.toContain(secret);
  });
});

describe('--verbose', () => {
  it('streams each exchange to standard error: the request with its headers and body, then the answer', () => {
    expect(stderr).toMatch(
      /→ POST http:\/\/127\.0\.0\.1:\d+\/wallet \[signatures\.wrong-secret\]\n {4}content-type: application\/json\n {4}x-request-sign: [0-9a-f]{64}\n {4}\{"player_id"/,
    );
    expect(stderr).toMatch(/← 200 in \d+ ms\n/);
    expect(stderr).not.toContain(secret);
  });
});

describe('--junit', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  const junit = () => parser.parse(readFileSync(junitFile, 'utf8')).testsuites;

  it('has one testsuite per scenario group and one testcase per scenario, with the totals', () => {
    const suites = junit();
    expect(suites).toMatchObject({ tests: String(report.total), failures: '6', skipped: '2', errors: '0' });
    expect(suites.testsuite.map((s: { name: string }) => s.name)).toEqual(['signatures', 'bet']);
    const cases = suites.testsuite.flatMap((s: { testcase: { name: string }[] }) => s.testcase.map((c) => c.name));
    expect(cases).toEqual(report.results.map((r) => r.id));
  });

  it('gives each failure what was expected and what came back, and marks skipped ones skipped', () => {
    const cases = junit().testsuite.flatMap((s: { testcase: Record<string, unknown>[] }) => s.testcase);
    const byName = (name: string) => cases.find((c: { name: string }) => c.name === name);
    const failure = byName('signatures.wrong-secret').failure;
    expect(failure.message).toMatch(/^expected 403 code=403, got 200 balance=\d+ tx=\S+$/);
    expect(failure['#text']).toContain('expected: 403 code=403');
    expect(byName('bet.blocked-player').skipped.message).toContain('--blocked-player');
    expect(byName('signatures.valid')).not.toHaveProperty('failure');
  });
});

const hasChromium = existsSync(chromiumPath);
if (!hasChromium)
  console.log(`the HTML report browser test is skipped: ${chromiumPath} is absent (apt-get install chromium)`);

describe.skipIf(!hasChromium)('--report, opened from disk in chromium', () => {
  it('shows the summary counts, the failures first, and a failing scenario’s raw request', async () => {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(pathToFileURL(htmlFile).href);
      const count = (name: string) => page.locator(`[data-count="${name}"] b`).innerText();
      expect(await count('passed')).toBe(String(report.passed));
      expect(await count('failed')).toBe('6');
      expect(await count('skipped')).toBe('2');
      expect(await page.locator('h1').innerText()).toContain('FAILED');

      const first = page.locator('section.scenario').first();
      expect(await first.getAttribute('class')).toContain('failed');
      const failing = page.locator('[id="scenario-signatures.wrong-secret"]');
      const request = failing.locator('pre.request').first();
      expect(await request.isVisible()).toBe(true);
      const shown = await request.innerText();
      expect(shown).toMatch(new RegExp(`^POST ${broken.url.replace(/[.]/g, '\\.')}\\n`));
      expect(shown).toMatch(/x-request-sign: [0-9a-f]{64}/);
      expect(shown).toContain('"action":"bet"');
      expect(await failing.locator('pre.response').first().innerText()).toMatch(/^HTTP 200\n/);
      // a passed scenario is folded away, and the page loaded nothing but itself
      expect(await page.locator('[id="scenario-signatures.valid"] pre.request').first().isVisible()).toBe(false);
      expect(requested).toEqual([pathToFileURL(htmlFile).href]);
    } finally {
      await browser.close();
    }
  });
});

describe('the terminal', () => {
  it('keeps standard output for the result when it is not a terminal: progress goes to standard error', async () => {
    const run = await runCli(['conformance', '--url', broken.url, '--secret', secret, '--only', 'bet']);
    expect(run.stdout).not.toMatch(/\d+\/\d+ bet\./);
    expect(run.stdout).toContain('passed, 0 failed');
    expect(run.stderr).toMatch(/✔ 1\/7 bet\.debit {2}1 passed, 0 failed, 0 skipped\n/);
    expect(run.stdout + run.stderr).not.toContain('\u001b[');
  });

  it('colours follow FORCE_COLOR', async () => {
    const run = await runCli(['conformance', '--url', broken.url, '--secret', secret, '--only', 'bet.debit'], {
      env: { FORCE_COLOR: '1' },
    });
    expect(run.stdout).toContain('\u001b[');
  });
});

describe('the HTML report escapes everything a wallet sends', () => {
  it('shows a hostile answer as text, never as markup', async () => {
    const { htmlReport } = await import('../src/cli/report-html.ts');
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const exchange = {
      method: 'POST',
      url: 'http://127.0.0.1:1/wallet?"><b>',
      requestHeaders: { 'x-request-sign': 'ab' },
      requestBody: '{}',
      status: 400,
      responseHeaders: { 'x-evil': hostile },
      responseBody: hostile,
      startedMs: 1,
      durationMs: 2,
    };
    const html = htmlReport({
      ...report,
      causes: [{ kind: 'body-parser', message: hostile }],
      results: [{ ...report.results[0]!, status: 'failed', got: hostile, exchanges: [exchange] }],
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('wallet?"><b>');
    expect(html).toContain('wallet?&#34;&#62;&#60;b&#62;');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
  });
});
