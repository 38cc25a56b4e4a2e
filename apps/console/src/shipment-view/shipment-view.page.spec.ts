import { shipmentViewPage } from './shipment-view.page';
import type { NotificationFacts, ShipmentView } from './shipment-view.service';

const notification = (overrides: Partial<NotificationFacts>): NotificationFacts => ({
  id: 'n-1',
  type: 'shipment.booked',
  channel: 'webhook',
  title: 'Kinnow <b>booked</b>',
  status: 'delivered',
  round: 0,
  attempts: 1,
  nextAttemptAt: null,
  deliveredAt: null,
  lastError: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  deliveryAttempts: [
    {
      round: 0,
      attempt: 1,
      outcome: 'delivered',
      statusCode: 200,
      latencyMs: 12,
      error: null,
      at: '2026-11-30T10:00:00.100Z',
    },
  ],
  ...overrides,
});

const view = (overrides: Partial<ShipmentView> = {}): ShipmentView => ({
  id: 'shp-1',
  shipment: { ok: false, reason: 'the console has no operator key for the services (set CONSOLE_OPERATOR_KEY)' },
  timeline: { ok: true, body: { items: [], nextCursor: null } },
  declarations: { ok: true, body: { items: [] } },
  notifications: { ok: true, body: { items: [] } },
  facts: [],
  audit: [],
  ...overrides,
});

const chrome = { operator: { tenantName: 'Duty operator', keyId: 'key_1' }, csrfToken: 't' };

describe('shipment view page', () => {
  it('says why a section is missing instead of failing the page', () => {
    const page = shipmentViewPage(view(), undefined, chrome);
    expect(page).toContain('<h1>Shipment shp-1</h1>');
    expect(page).toContain(
      'Not available: the console has no operator key for the services (set CONSOLE_OPERATOR_KEY).',
    );
    expect(page).toContain('No carrier events yet.');
  });

  it('offers a replay only for a delivered or failed webhook or email, and escapes what the services wrote', () => {
    const items = [
      notification({}),
      notification({ id: 'n-2', channel: 'feed' }),
      notification({ id: 'n-3', status: 'pending' }),
    ];
    const page = shipmentViewPage(view({ notifications: { ok: true, body: { items } } }), undefined, chrome);
    expect(page).toContain('<a href="/shipments/notification-replay?id=n-1"');
    expect(page).not.toContain('notification-replay?id=n-2');
    expect(page).not.toContain('notification-replay?id=n-3');
    expect(page).toContain('Kinnow &lt;b&gt;booked&lt;/b&gt;');
    expect(page).toContain('data-attempt="0:1"');
  });

  it('tells how a replay went', () => {
    expect(shipmentViewPage(view(), { outcome: 'replayed', notification: 'n-1', round: 2 }, chrome)).toContain(
      'is being delivered again (round 2)',
    );
    expect(shipmentViewPage(view(), { outcome: 'failed', notification: 'n-1' }, chrome)).toContain(
      'role="alert">The replay of notification n-1 was refused or failed',
    );
  });
});
