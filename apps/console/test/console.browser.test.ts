import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { eventually } from '@lib/testing';
import { kinnowByAir, postJson } from '../../../test/support/bookings';
import { SCREENSHOTS, startWithBrowser } from './console-browser';
import { startConsoleStack, type ConsoleStack } from './console-stack';

/**
 * The console in a real browser (Debian's Chromium driven by playwright-core): an operator signs in,
 * sees the overview's figures arrive and change live over SSE without a reload, on a laptop and a
 * phone width. Saves the screenshots the README shows.
 */
describe('operator console in a browser', () => {
  let system: ConsoleStack;
  let browser: Browser;
  let page: Page;
  let trackingNumber = '';

  beforeAll(async () => {
    ({ system, browser } = await startWithBrowser(() =>
      startConsoleStack('consolebrowser', ['shipments', 'customs', 'notifications']),
    ));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('signs in: a wrong key is refused on the page, an operator key opens the overview', async () => {
    await page.goto(system.baseUrl);
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Operator API key').fill(system.shipper.authorization);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('the console is for operators only');

    await page.getByLabel('Operator API key').fill(`Authorization: ${system.operator.authorization}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('shows the figures and updates them live, without reloading the page', async () => {
    await page.getByText('Live updates: connected').waitFor({ timeout: 10_000 });
    const services = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Service' }) });
    for (const name of ['shipments', 'customs', 'notifications']) {
      await services.getByRole('row', { name: new RegExp(`^${name} up`) }).waitFor({ timeout: 15_000 });
    }
    // A marker on the window survives only if the page is never reloaded. (Page code as strings: this
    // project compiles without the DOM library; evaluate() is not subject to the page's CSP.)
    await page.evaluate("window.marker = 'same page'");
    const prefix = system.stack.topicPrefix;

    const shipments = system.services[0].baseUrl;
    for (let i = 0; i < 4; i++) {
      const booked = await postJson(`${shipments}/v1/shipments`, kinnowByAir(), system.shipper, {
        'idempotency-key': `browser-${i}`,
      });
      expect(booked.status).toBe(201);
      trackingNumber = booked.body.trackingNumber;
    }
    await system.produce('customs.events.v1.dlq', 2);

    const deadLetters = page.locator(`tr[data-dlq="${prefix}customs.events.v1.dlq"] [data-figure="dead-letters"]`);
    await expect(deadLetters.textContent()).resolves.toBe('0');
    await deadLetters.filter({ hasText: /^2$/ }).waitFor({ timeout: 15_000 });
    // The booked facts reach Kafka through the outbox and are consumed by customs and notifications.
    const records = page.locator(`tr[data-topic="${prefix}shipments.events.v1"] [data-figure="records"]`);
    await eventually(async () => expect(Number(await records.textContent())).toBeGreaterThanOrEqual(4), {
      timeoutMs: 15_000,
    });
    await page
      .locator(`tr[data-group="${prefix}customs"][data-topic="${prefix}shipments.events.v1"]`)
      .waitFor({ timeout: 15_000 });
    await expect(page.evaluate('window.marker')).resolves.toBe('same page');

    // Sparklines are drawn (uPlot canvases) and described in words.
    await page.locator('.spark canvas').nth(5).waitFor();
    await expect(page.locator('.spark').first().getAttribute('aria-label')).resolves.toMatch(
      /last 15 minutes|no data yet/,
    );

    // A few more samples with cargo still being booked, so the rates and sparklines have a shape.
    for (let i = 4; i < 10; i++) {
      await postJson(`${shipments}/v1/shipments`, kinnowByAir(), system.shipper, { 'idempotency-key': `browser-${i}` });
      await page.waitForTimeout(250);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'console-overview.png'), fullPage: true });
  });

  it('browses the Kafka records and replays a dead letter through its confirmation', async () => {
    await page.getByRole('link', { name: 'Kafka records' }).click();
    await page.getByRole('heading', { name: 'Kafka records', level: 1 }).waitFor();
    const booked = page.locator('table.records tbody tr').filter({ hasText: 'shipment.booked' });
    await expect(booked.count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(booked.first().locator('code.grep').textContent()).resolves.toMatch(/^traceId=[0-9a-f]{32}$/);
    await page.locator('tr.record-detail summary').first().click();
    await page.screenshot({ path: join(SCREENSHOTS, 'console-kafka.png'), fullPage: true });

    await page.getByRole('searchbox', { name: 'Shipment' }).fill(trackingNumber);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('heading', { name: `Shipment ${trackingNumber}`, level: 1 }).waitFor();
    await page.locator('table.records tbody tr').filter({ hasText: 'shipment.booked' }).first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'console-shipment.png'), fullPage: true });

    await page.getByRole('link', { name: 'Dead letters' }).click();
    await page.getByRole('heading', { name: 'Dead letters', level: 1 }).waitFor();
    await page
      .getByRole('link', { name: /^Replay .+\.dlq:\d+:\d+…$/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Replay 1 dead letter(s)' }).click();
    await page.getByText('Replayed 1 dead letter(s)').waitFor();
    await page.locator('tr[data-audit-outcome="replayed"]').filter({ hasText: 'Duty operator' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'console-dead-letters.png'), fullPage: true });
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  });

  it('fits a phone: nothing but the tables themselves scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Dead letters' }).waitFor();
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-overview-phone.png') });
    for (const path of ['/kafka', '/dead-letters', `/shipments/${encodeURIComponent(trackingNumber)}`]) {
      await page.goto(`${system.baseUrl}${path}`);
      await expect(
        page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
      ).resolves.toBeLessThanOrEqual(0);
    }
  });

  it('signs out with the form and is back at the sign-in page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await page.goto(system.baseUrl);
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
  });
});
