// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText() is what a person sees, which is the point here
/**
 * The console in Debian's chromium, driven by playwright-core: calls sent by the real
 * client appear live with their balances and raw bytes, and the page's buttons steer the
 * wallet (a block answers 407, the 503 fault answers 503, 418 and 405 on the sandbox).
 * Skipped, with the reason printed, only where /usr/bin/chromium is absent.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConsoleSandbox } from './console-serve.ts';
import { betOf, consoleSecret, serveConsoleSandbox, winOf } from './console-serve.ts';

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) console.warn(`console-browser.test.ts skipped: ${chromiumPath} is absent (apt-get install chromium)`);
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let sandbox: ConsoleSandbox;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  if (!hasChromium) return;
  sandbox = await serveConsoleSandbox();
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${sandbox.origin}/?token=${sandbox.token}`);
  await page.locator('#live', { hasText: 'live' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.server.close();
});

const row = (player: string) => page.locator('#calls-body tr', { has: page.locator('td.player', { hasText: player }) });
const playerRow = (player: string) => page.locator(`#players-body tr[data-player="${player}"]`);

describe.skipIf(!hasChromium)('the console in chromium', () => {
  it('drops the token from the address bar and shows no secret', async () => {
    expect(new URL(page.url()).search).toBe('');
    expect(await page.content()).not.toContain(consoleSecret);
  });

  it('shows a signed win within a second, with the right balance', async () => {
    expect((await sandbox.client.win(winOf('b-1', 250))).balance).toBe(100250); // created on first sight
    await row('b-1').first().waitFor({ timeout: 1000 });
    expect(await row('b-1').first().locator('td.balance').innerText()).toBe('1002.50');
    expect((await sandbox.client.win(winOf('b-1', 250))).balance).toBe(100500);
    const shown = row('b-1').first();
    await shown.locator('td.balance', { hasText: '1002.50 → 1005.00' }).waitFor({ timeout: 1000 });
    expect(await shown.locator('td.action').innerText()).toBe('win');
    expect(await shown.locator('td.status').innerText()).toBe('200');
    expect(await shown.locator('td.amount').innerText()).toBe('2.50');
    await playerRow('b-1').locator('td.balance', { hasText: '1005.00 EUR' }).waitFor();
  });

  it('shows the raw request exactly as the client sent it, and the answer', async () => {
    await sandbox.client.win(winOf('b-raw', 1));
    const sent = sandbox.sent.at(-1)!;
    await row('b-raw').first().click();
    expect(await page.locator('#req-body').innerText()).toBe(sent.body);
    const headers = await page.locator('#req-headers').innerText();
    expect(headers).toContain(`x-request-sign: ${sent.headers['x-request-sign']}`);
    expect(headers.toLowerCase()).toContain('content-type: application/json');
    expect(await page.locator('#res-line').innerText()).toBe('200');
    expect(await page.locator('#res-headers').innerText()).toContain('content-type: application/json');
    expect(JSON.parse(await page.locator('#res-body').innerText())).toMatchObject({ balance: 100001 });
    await page.locator('#copy-curl').click();
    await page.locator('#curl', { hasText: 'curl -sS -X POST' }).waitFor();
    expect(await page.locator('#curl').innerText()).toContain(`X-REQUEST-SIGN: ${sent.headers['x-request-sign']}`);
  });

  it('blocking a player in the page makes the next bet answer 407', async () => {
    await sandbox.client.win(winOf('b-block', 1));
    await playerRow('b-block').locator('input[data-field="blocked"]').check();
    await expect.poll(() => sandbox.wallet.accounts().find((a) => a.player_id === 'b-block')?.blocked).toBe(true);
    await expect(sandbox.client.bet(betOf('b-block', 100))).rejects.toMatchObject({ status: 407 });
    expect(sandbox.wallet.ledger.balanceOf('b-block')).toBe(100001);
    await row('b-block').locator('td.status', { hasText: '407' }).first().waitFor();
  });

  it('the 418 limit and the 405 game refuse the next bet, nothing moved', async () => {
    await sandbox.client.win(winOf('b-rg', 1));
    await playerRow('b-rg').locator('input[data-field="limit_reached"]').check();
    await expect.poll(() => sandbox.wallet.accounts().find((a) => a.player_id === 'b-rg')?.limit_reached).toBe(true);
    const limited = betOf('b-rg', 100);
    await expect(sandbox.client.bet(limited)).rejects.toMatchObject({ status: 418 });
    await playerRow('b-rg').locator('input[data-field="limit_reached"]').uncheck();
    await playerRow('b-rg').locator('input[data-field="game_unavailable"]').check();
    await expect.poll(() => sandbox.wallet.accounts().find((a) => a.player_id === 'b-rg')?.game_unavailable).toBe(true);
    await expect(sandbox.client.bet(betOf('b-rg', 100))).rejects.toMatchObject({ status: 405 });
    // The 418 was remembered: the same bet again is refused again, though the limit is lifted.
    await expect(sandbox.client.bet(limited)).rejects.toMatchObject({ status: 418 });
    expect(sandbox.wallet.ledger.balanceOf('b-rg')).toBe(100001);
  });

  it('creates a player and moves cash from the page', async () => {
    await page.locator('#p-id').fill('b-new');
    await page.locator('#p-amount').fill('20.00');
    await page.locator('#create').click();
    await playerRow('b-new').locator('td.balance', { hasText: '20.00 EUR' }).waitFor();
    await page.locator('#p-amount').fill('5.00');
    await page.locator('#deposit').click();
    await playerRow('b-new').locator('td.balance', { hasText: '25.00 EUR' }).waitFor();
    await page.locator('#withdraw').click();
    await playerRow('b-new').locator('td.balance', { hasText: '20.00 EUR' }).waitFor();
    await page.locator('#p-amount').fill('500.00');
    await page.locator('#withdraw').click();
    await page.locator('#error', { hasText: 'does not have enough money' }).waitFor();
    expect(sandbox.wallet.ledger.balanceOf('b-new')).toBe(2000);
  });

  it('switching on the 503 fault in the page makes the next call 503, shown as active', async () => {
    await page.locator('#fault-503').fill('100');
    await page.locator('#apply-faults').click();
    await page.locator('#faults-state', { hasText: 'faults: 503=100%' }).waitFor();
    await expect(sandbox.client.win(winOf('b-503', 1))).rejects.toMatchObject({ status: 503 });
    expect(sandbox.wallet.ledger.balanceOf('b-503')).toBeUndefined();
    await page.locator('#calls-body tr td.outcome', { hasText: 'fault: unavailable' }).first().waitFor();
    await page.locator('#clear-faults').click();
    await page.locator('#faults-state', { hasText: 'faults: none' }).waitFor();
    expect((await sandbox.client.win(winOf('b-503', 1))).balance).toBe(100001);
  });

  it('filters by player and status', async () => {
    await page.locator('#f-player').fill('b-block');
    await page.locator('#f-status').selectOption('refused');
    const statuses = await page.locator('#calls-body td.status').allInnerTexts();
    expect(statuses).toEqual(['407']);
    await page.locator('#f-player').fill('');
    await page.locator('#f-status').selectOption('');
  });

  it('renders a hostile player id as text', async () => {
    await sandbox.client.win(winOf('<img src=x onerror=alert(1)>', 1));
    await row('<img src=x').first().waitFor();
    expect(await page.locator('#calls-body img').count()).toBe(0);
  });

  it('looks right (docs/console.png)', async () => {
    await page.locator('#f-player').fill('');
    await row('b-raw').first().click();
    const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));
    mkdirSync(docs, { recursive: true });
    if (process.env.CONSOLE_SCREENSHOT) await page.screenshot({ path: `${docs}console.png`, fullPage: true });
    expect(await page.locator('#detail').isVisible()).toBe(true);
  });
});
