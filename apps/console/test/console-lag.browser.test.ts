import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createHttpApp } from '@lib/bootstrap';
import { eventually } from '@lib/testing';
import { kinnowByAir, postJson } from '../../../test/support/bookings';
import { modules } from '../../../test/support/system';
import { SCREENSHOTS, startWithBrowser } from './console-browser';
import { startConsoleStack, type ConsoleStack } from './console-stack';

/** Bookings made while customs is stopped: each puts at least its shipment.booked fact on shipments.events.v1. */
const BURST = 12;

/**
 * Consumer lag as an operator sees it: customs' group keeps up with shipments.events.v1 (lag 0);
 * customs is stopped and a burst of bookings lands on the topic, so the lag shown for its group rises
 * on the overview, live; customs starts again, drains the backlog, and the figure returns to 0.
 * Real Kafka offsets throughout: the console reads the group's committed offsets and the watermarks.
 */
describe('operator console: consumer lag rises and falls under load', () => {
  let system: ConsoleStack;
  let browser: Browser;
  let page: Page;
  let lagCell = '';
  let shipmentsUrl = '';

  /**
   * Waits, re-reading the page on every animation frame, until the lag figure of customs' group on
   * shipments.events.v1 is a number within [min, max]. A function, not a string: the console's CSP
   * forbids eval, which Playwright would need to run a string predicate on each poll.
   */
  const waitForLag = (min: number, max: number, timeout: number) =>
    page.waitForFunction(
      ({ selector, min, max }) => {
        // Runs in the page; this project compiles without the DOM library.
        const cell = (globalThis as any).document.querySelector(selector);
        const text: string = cell ? cell.textContent.trim() : '';
        if (!/^[0-9][0-9,]*$/.test(text)) return false;
        const lag = Number(text.replace(/,/g, ''));
        return lag >= min && lag <= max;
      },
      { selector: lagCell, min, max },
      { timeout },
    );
  const shownLag = async () => Number(((await page.locator(lagCell).textContent()) ?? '').replace(/,/g, ''));

  const book = async (label: string, count: number) => {
    for (let i = 0; i < count; i++) {
      const booked = await postJson(`${shipmentsUrl}/v1/shipments`, kinnowByAir(), system.shipper, {
        'idempotency-key': `lag-${label}-${i}`,
      });
      expect(booked.status).toBe(201);
    }
  };

  beforeAll(async () => {
    ({ system, browser } = await startWithBrowser(() => startConsoleStack('consolelag', ['shipments', 'customs'])));
    const prefix = system.stack.topicPrefix;
    lagCell = `tr[data-group="${prefix}customs"][data-topic="${prefix}shipments.events.v1"] [data-figure="lag"]`;
    shipmentsUrl = system.services[0].baseUrl;
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it("shows customs' group caught up on shipments.events.v1 once it has consumed a booking", async () => {
    await page.goto(system.baseUrl);
    await page.getByLabel('Operator API key').fill(system.shipper.authorization);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Operator API key').fill(system.operator.authorization);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByText('Live updates: connected').waitFor({ timeout: 10_000 });
    await page.evaluate("window.marker = 'same page'");

    await book('warm-up', 1);
    // The group's row appears once it has committed, and shows 0 once it has consumed the booking.
    await waitForLag(0, 0, 20_000);
  });

  it('shows the lag rising while customs is stopped and bookings keep arriving', async () => {
    const [, customs] = system.services;
    await customs.stop();
    await book('burst', BURST);

    // Every booked fact is on the topic and none is consumed: the figure climbs to the whole burst, live.
    await waitForLag(BURST, Number.MAX_SAFE_INTEGER, 20_000);
    expect(await shownLag()).toBeGreaterThanOrEqual(BURST);
    await expect(
      page.locator(lagCell).locator('xpath=ancestor::tr').locator('li.behind').count(),
    ).resolves.toBeGreaterThan(0);
    await expect(page.evaluate('window.marker')).resolves.toBe('same page');
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-lag-rising.png'), fullPage: true });
  });

  it('shows the lag falling back to 0 once customs is back and has drained the backlog', async () => {
    // Customs again, on the port the console watches, in the same consumer group: it resumes from its commits.
    const [, stopped] = system.services;
    const port = Number(new URL(stopped.baseUrl).port);
    const app = await createHttpApp(modules.customs(stopped.env));
    await app.listen({ port, host: '127.0.0.1' });
    system.services[1] = { ...stopped, app, stop: () => app.close() };

    await waitForLag(0, 0, 30_000);
    await expect(shownLag()).resolves.toBe(0);
    await expect(page.locator(lagCell).locator('xpath=ancestor::tr').locator('li.behind').count()).resolves.toBe(0);
    await expect(page.evaluate('window.marker')).resolves.toBe('same page');
    const services = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Service' }) });
    await services.getByRole('row', { name: /^customs up/ }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-lag-drained.png'), fullPage: true });
  });

  it("counts this run's sign-ins and the open overview stream on the console's /metrics, sessionless", async () => {
    const response = await fetch(`${system.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const value = (series: string) => Number(new RegExp(`^${series} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('logistics_console_sign_ins_total\\{outcome="forbidden",service="console"\\}')).toBe(1);
    expect(value('logistics_console_sign_ins_total\\{outcome="signed_in",service="console"\\}')).toBe(1);
    expect(value('logistics_console_overview_streams\\{service="console"\\}')).toBe(1);
    expect(
      value('logistics_http_requests_total\\{method="POST",route="/sign-in",status_code="303",service="console"\\}'),
    ).toBe(1);
    expect(text).toMatch(/^process_resident_memory_bytes\{service="console"\} \d+/m);

    await page.close();
    // Closing the page closes its stream.
    await eventually(
      async () =>
        expect(await (await fetch(`${system.baseUrl}/metrics`)).text()).toMatch(
          /^logistics_console_overview_streams\{service="console"\} 0$/m,
        ),
      { timeoutMs: 10_000 },
    );
  });
});
