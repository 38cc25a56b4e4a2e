import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createCaller, type TestCaller } from '@lib/testing';
import { postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/system';
import { SCREENSHOTS, startWithBrowser } from './console-browser';
import { startConsoleStack, type ConsoleStack } from './console-stack';

// June: the Khunjerab Pass is open by the calendar, so closing it is the operator's doing.
const CLOCK = { CLOCK_EPOCH: '2026-06-01T00:00:00Z' };
const cargo = { commodity: 'cotton yarn', hsCode: '5205.12', packages: 400, weightKg: 16000 };

/**
 * The corridors page in a real browser: a booking appears on its corridor within seconds and moves
 * onto its first leg when the carrier reports the departure, live; customs' expected declaration
 * shows at the crossing; the operator closes the Khunjerab Pass from the page and the next booking
 * through it is refused with that reason, then lifts the closure and booking goes through again.
 */
describe('operator console: corridors and crossings', () => {
  let system: ConsoleStack;
  let browser: Browser;
  let page: Page;
  let nlc: TestCaller;
  let shipmentsUrl = '';

  const kkh = '[data-corridor="karakoram-highway"]';
  const figure = (selector: string, name: string) => page.locator(`${kkh} ${selector} [data-figure="${name}"]`);
  const bookKkh = (key: string) =>
    postJson(`${shipmentsUrl}/v1/shipments`, { corridor: 'karakoram-highway', cargo }, system.shipper, {
      'idempotency-key': key,
    });

  beforeAll(async () => {
    ({ system, browser } = await startWithBrowser(() =>
      startConsoleStack('consolecorridors', ['shipments', 'customs'], { shipments: CLOCK, customs: CLOCK }),
    ));
    shipmentsUrl = system.services[0].baseUrl;
    nlc = await createCaller(system.stack, { name: 'NLC', role: 'carrier', carrierCode: 'NLC' });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('signs in and opens the corridors: six corridors drawn, Khunjerab open in June', async () => {
    await page.goto(system.baseUrl);
    await page.getByLabel('Operator API key').fill(system.operator.authorization);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Corridors' }).click();
    await page.getByRole('heading', { name: 'Corridors', level: 1 }).waitFor();
    await page.getByText('Live updates: connected').waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-corridor]').count()).resolves.toBe(6);
    await expect(
      page.locator(`${kkh} [data-crossing="khunjerab-tashkurgan"] [data-state]`).getAttribute('data-state'),
    ).resolves.toBe('open');
    await expect(figure('[data-place="Islamabad"]', 'booked').textContent()).resolves.toBe('0');
  });

  it('shows a booking on its corridor within seconds, then on its first leg once departed, no reload', async () => {
    await page.evaluate("window.marker = 'same page'");
    const booked = await bookKkh('corridors-first');
    expect(booked.status).toBe(201);
    await figure('[data-place="Islamabad"]', 'booked').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
    // Customs opened a declaration for each crossing on the route: the cargo is expected at Sost.
    await figure('[data-place="Sost dry port"]', 'customs')
      .filter({ hasText: '1 expected' })
      .waitFor({ timeout: 15_000 });

    const departed = await postJson(
      `${shipmentsUrl}/v1/carrier-events`,
      {
        eventId: 'kkh-1-departure',
        shipmentId: booked.body.id,
        leg: 1,
        kind: 'departure',
        occurredAt: booked.body.legs[0].plannedDeparture,
      },
      nlc,
    );
    expect(departed.status).toBe(201);
    await figure('[data-leg="Islamabad→Sost dry port"]', 'forward')
      .filter({ hasText: '→ 1' })
      .waitFor({ timeout: 10_000 });
    await figure('[data-place="Islamabad"]', 'booked').filter({ hasText: /^0$/ }).waitFor({ timeout: 10_000 });
    await expect(page.evaluate('window.marker')).resolves.toBe('same page');
  });

  it('closes Khunjerab from the page: the next booking through it is refused, with reason and options', async () => {
    const row = page.locator('[data-crossing-row="khunjerab-tashkurgan"]');
    await row.getByLabel('Reason').fill('landslide near Sost');
    await row.getByRole('button', { name: 'Close Khunjerab–Tashkurgan' }).click();
    await page.getByRole('status').filter({ hasText: 'Done' }).waitFor();
    await expect(row.locator('[data-state]').getAttribute('data-state')).resolves.toBe('closed');
    await expect(row.textContent()).resolves.toContain('landslide near Sost');
    await page.locator(`${kkh} [data-crossing="khunjerab-tashkurgan"].closed`).waitFor({ timeout: 10_000 });

    const refused = await bookKkh('corridors-refused');
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].reason).toContain('landslide near Sost');
    expect(refused.body.alternatives).toEqual(expect.arrayContaining(['trans-afghan', 'air-lahore-almaty']));

    const [fact] = await query(
      system.stack,
      "SELECT payload FROM shipments.outbox WHERE event_type = 'crossing.closed'",
    );
    expect(fact.payload).toMatchObject({
      crossing: 'khunjerab-tashkurgan',
      reason: 'landslide near Sost',
      requestedBy: expect.stringContaining('Duty operator'),
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'console-crossing-closed.png'), fullPage: true });
  });

  it('shows the service’s refusal on the page when the period is wrong, and changes nothing', async () => {
    const row = page.locator('[data-crossing-row="torkham"]');
    await row.getByLabel('Reason').fill('strike');
    await row.getByLabel('Until (UTC, optional)').fill('2026-05-01T00:00');
    await row.getByRole('button', { name: 'Close Torkham' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not changed' }).textContent()).resolves.toContain(
      'until: must be after now',
    );
    await expect(page.locator('[data-crossing-row="torkham"] [data-state]').getAttribute('data-state')).resolves.toBe(
      'open',
    );
  });

  it('lifts the closure: booking through Khunjerab goes through again, and the changes are audited', async () => {
    await page.goto(`${system.baseUrl}/corridors`);
    const row = page.locator('[data-crossing-row="khunjerab-tashkurgan"]');
    await row.getByRole('button', { name: 'Lift closure' }).click();
    await page.getByRole('status').filter({ hasText: 'Done' }).waitFor();
    await expect(row.locator('[data-state]').getAttribute('data-state')).resolves.toBe('open');
    expect((await bookKkh('corridors-after-lift')).status).toBe(201);

    const audit = page.getByRole('region', { name: 'Recent changes from the console' });
    await expect(audit.locator('tr[data-audit-outcome="done"]').count()).resolves.toBe(2);
    await expect(audit.locator('tr[data-audit-outcome="failed"]').count()).resolves.toBe(1);
    await expect(audit.textContent()).resolves.toContain('close crossing khunjerab-tashkurgan');
  });

  it('is usable at phone width: the route runs down the screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${system.baseUrl}/corridors`);
    await phone.getByRole('heading', { name: 'Corridors', level: 1 }).waitFor();
    // In the page, at once: the stream may swap the schematic between a locator's lookup and its scroll.
    await phone.evaluate((selector) => (globalThis as any).document.querySelector(selector)?.scrollIntoView(), kkh);
    await phone.screenshot({ path: join(SCREENSHOTS, 'console-corridors-phone.png'), fullPage: false });
    // The stream swaps the schematic in as it connects (a node being replaced measures 0): wait for laid-out stops.
    await phone.waitForFunction((selector) => {
      const [first, second] = Array.from((globalThis as any).document.querySelectorAll(selector)).slice(0, 2) as any[];
      return !!first && !!second && second.getBoundingClientRect().top > first.getBoundingClientRect().bottom - 1;
    }, `${kkh} .route > li`);
    await phone.close();
  });
});
