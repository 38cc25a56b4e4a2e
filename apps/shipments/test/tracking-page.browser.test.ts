import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { postJson } from '../../../test/support/bookings';
import { carrierEvent, kinnowTransAfghan } from '../../../test/support/corridor-bookings';
import { shipmentsModule } from './shipments-module';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the screenshots the README shows are saved. */
const SCREENSHOTS = join(__dirname, '../../../docs/screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/**
 * The public tracking page in a real browser (Debian's Chromium driven by playwright-core): a shipper
 * shares a link, the page reads in English, Urdu (right to left), Russian and Kazakh, follows a carrier's
 * event live without a reload, fits a phone, and is gone once the link is revoked. Saves the README's screenshots.
 */
describe('public tracking page in a browser', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let browser: Browser;
  let shipper: TestCaller;
  let nlc: TestCaller;
  let tcs: TestCaller;
  let shipmentId = '';
  let trackingNumber = '';
  let link: { id: string; url: string; path: string };

  const postEvent = async (carrier: TestCaller, leg: number, kind: string, at: number) =>
    expect(
      (await postJson(`${shipments.baseUrl}/v1/carrier-events`, carrierEvent(shipmentId, leg, kind, at), carrier))
        .status,
    ).toBe(201);

  /** What the browser complained about (a CSP violation, a failed script) on each page, by page. */
  const complaints = new WeakMap<Page, string[]>();
  /** The page in a language, once its live stream is open (htmx connects it after the deferred scripts load). */
  const openIn = async (language: string, viewport = DESKTOP): Promise<Page> => {
    const page = await browser.newPage({ viewport, locale: 'en-GB' });
    const heard: string[] = [];
    complaints.set(page, heard);
    page.on('console', (message) => {
      if (message.type() === 'error') heard.push(message.text());
    });
    page.on('pageerror', (error) => heard.push(error.message));
    const live = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/live') && r.status() === 200);
    const response = await page.goto(`${link.url}?lang=${language}`);
    expect(response?.status()).toBe(200);
    await live;
    return page;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH`,
      );
    stack = await createTestStack('trackingpage');
    // No customs service here: the gate is off, so a border arrival shows as awaiting clearance.
    shipments = await startTestService(
      'shipments',
      shipmentsModule,
      { CUSTOMS_GATE: 'false', LEG_OVERDUE_GRACE_MS: String(365 * 86_400_000) },
      stack,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    [shipper, nlc, tcs] = await Promise.all([
      createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' }),
      createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' }),
      createCaller(stack, { name: 'TCS', role: 'carrier', carrierCode: 'TCS' }),
    ]);
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowTransAfghan(), shipper);
    expect(booked.status).toBe(201);
    ({ id: shipmentId, trackingNumber } = booked.body);
    await postEvent(nlc, 1, 'departure', 0);
    await postEvent(nlc, 1, 'arrival', 20);
    await postEvent(tcs, 2, 'border_arrival', 21);
    const shared = await postJson(
      `${shipments.baseUrl}/v1/shipments/${shipmentId}/share-links`,
      { label: 'Almaty Fruit Terminal', show: { consignee: true } },
      shipper,
      { 'accept-language': 'en-GB,en;q=0.9' },
    );
    expect(shared.status).toBe(201);
    link = shared.body;
  });

  afterAll(async () => {
    await browser?.close();
    await shipments?.stop();
    await stack?.dispose();
  });

  it('shows the shipment in English on a desktop, each time in its place’s local time', async () => {
    const page = await openIn('en');
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('ltr');
    await page.getByRole('heading', { name: `Shipment ${trackingNumber}`, level: 1 }).waitFor();
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('In transit');
    await expect(page.locator('[data-crossing="Torkham"] [data-customs]').textContent()).resolves.toBe(
      'Awaiting clearance',
    );
    await expect(page.locator('[data-consignee]').textContent()).resolves.toBe('Almaty Fruit Terminal LLP');
    // Karachi keeps UTC+5: the departure at 00:00 UTC was 05:00 there.
    await expect(page.locator('[data-kind="departure"] time').textContent()).resolves.toBe('Nov 20, 2026, 05:00 GMT+5');
    await expect(page.locator('li.stop.here').getAttribute('data-place')).resolves.toBe('Torkham');
    await expect(page.locator('aside.qr svg').count()).resolves.toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'tracking-en-desktop.png'), fullPage: true });
    // The strict CSP holds with htmx running: nothing refused, no script error.
    expect(complaints.get(page)).toEqual([]);
    await page.close();
  });

  it('follows a carrier’s events live, without reloading the page', async () => {
    const page = await openIn('en');
    await page.evaluate("window.marker = 'same page'");
    await page.waitForTimeout(500);
    await postEvent(tcs, 2, 'border_exit', 30);
    await postEvent(tcs, 2, 'departure', 31);
    await postEvent(tcs, 2, 'arrival', 40);
    // Kabul keeps UTC+4:30: the arrival at 16:00 UTC was 20:30 there.
    await page.locator('[data-kind="arrival"] time', { hasText: 'GMT+4:30' }).waitFor({ timeout: 15_000 });
    await expect(page.locator('[data-kind="arrival"] time').last().textContent()).resolves.toBe(
      'Nov 21, 2026, 20:30 GMT+4:30',
    );
    await expect(page.locator('[data-crossing="Torkham"] [data-customs]').textContent()).resolves.toBe('Crossed');
    await expect(page.locator('li.stop.here').getAttribute('data-place')).resolves.toBe('Kabul');
    await expect(page.evaluate('window.marker')).resolves.toBe('same page');
    expect(complaints.get(page)).toEqual([]);
    await page.close();
  });

  it('reads in Urdu, right to left', async () => {
    const page = await openIn('ur');
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ur');
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('راستے میں');
    await page.getByRole('heading', { name: 'سفر کی تفصیل' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'tracking-ur.png'), fullPage: true });
    await page.close();
  });

  it('reads in Russian and fits a phone', async () => {
    const page = await openIn('ru', PHONE);
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('В пути');
    await page.getByRole('heading', { name: 'История перевозки' }).waitFor();
    await expect(page.locator('[data-crossing="Torkham"] [data-customs]').textContent()).resolves.toBe(
      'Граница пройдена',
    );
    // Nothing wider than the screen: no sideways scrolling on a phone.
    await expect(page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'tracking-ru-phone.png'), fullPage: true });
    await page.close();
  });

  it('reads in Kazakh', async () => {
    const page = await openIn('kk');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('kk');
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('Жолда');
    await page.getByRole('heading', { name: 'Тасымал тарихы' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'tracking-kk.png'), fullPage: true });
    await page.close();
  });

  it('says the link is gone when it was revoked before the page’s live stream connected', async () => {
    const shared = await postJson(
      `${shipments.baseUrl}/v1/shipments/${shipmentId}/share-links`,
      { label: 'revoked early' },
      shipper,
    );
    expect(shared.status).toBe(201);
    const page = await browser.newPage({ viewport: DESKTOP, locale: 'en-GB' });
    // The stream waits until the link is revoked: it then answers 404, which EventSource sees only as an error.
    let revokedNow!: () => void;
    const revoked = new Promise<void>((resolve) => (revokedNow = resolve));
    await page.route(
      (url) => url.pathname.endsWith('/live'),
      async (route) => {
        await revoked;
        await route.continue();
      },
    );
    const response = await page.goto(`${shared.body.url}?lang=en`);
    expect(response?.status()).toBe(200);
    const deleted = await fetch(`${shipments.baseUrl}/v1/shipments/${shipmentId}/share-links/${shared.body.id}`, {
      method: 'DELETE',
      headers: { authorization: shipper.authorization },
    });
    expect(deleted.status).toBe(204);
    revokedNow();
    await page.getByRole('alert').filter({ hasText: 'This tracking link is not valid' }).waitFor({ timeout: 15_000 });
    // The live region is gone with the stream's element, so the sse extension stops retrying.
    await expect(page.locator('[sse-connect]').count()).resolves.toBe(0);
    await expect(page.locator('[data-status]').count()).resolves.toBe(0);
    await page.close();
  });

  it('says so on the open page once the link is revoked, and answers 404 from then on', async () => {
    const page = await openIn('en');
    await page.evaluate("window.marker = 'same page'");
    const revoked = await fetch(`${shipments.baseUrl}/v1/shipments/${shipmentId}/share-links/${link.id}`, {
      method: 'DELETE',
      headers: { authorization: shipper.authorization },
    });
    expect(revoked.status).toBe(204);
    await page.getByRole('alert').filter({ hasText: 'This tracking link is not valid' }).waitFor({ timeout: 15_000 });
    await expect(page.evaluate('window.marker')).resolves.toBe('same page');
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(404);
    await expect(page.locator('meta[name="robots"]').getAttribute('content')).resolves.toBe('noindex, nofollow');
    await page.close();
  });
});
