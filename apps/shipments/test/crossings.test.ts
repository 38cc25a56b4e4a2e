import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/database';
import { shipmentsModule } from './shipments-module';

// Summer: the Khunjerab Pass is open by the calendar (closed 1 Dec – 1 Apr).
const EPOCH = '2026-06-01T00:00:00Z';
const cargo = { commodity: 'cotton yarn', hsCode: '5205.12', packages: 400, weightKg: 16000 };
const KHUNJERAB = 'khunjerab-tashkurgan';

/** Operators close and open crossings at run time: stored, published, and read by the next booking. */
describe('shipments: crossings closed and opened by operators', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let operator: TestCaller;

  beforeAll(async () => {
    stack = await createTestStack('crossings');
    shipments = await startTestService(
      'shipments',
      shipmentsModule,
      { CLOCK_EPOCH: EPOCH, CUSTOMS_GATE: 'false' },
      stack,
    );
    shipper = await createCaller(stack, { name: 'Faisalabad Spinning', role: 'shipper' });
    operator = await createCaller(stack, { name: 'Control room', role: 'operator' });
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  const url = (path: string) => `${shipments.baseUrl}/v1/crossings${path}`;
  const book = (departureAt?: string) =>
    postJson(
      `${shipments.baseUrl}/v1/shipments`,
      { corridor: 'karakoram-highway', cargo, ...(departureAt ? { departureAt } : {}) },
      shipper,
    );
  const khunjerab = async () => (await getJson(url(`/${KHUNJERAB}`), shipper)).body;
  const facts = (type: string) =>
    query<{ payload: Record<string, unknown>; subject: string }>(
      stack,
      'SELECT payload, subject FROM shipments.outbox WHERE event_type = $1 ORDER BY seq',
      [type],
    );

  it('lists crossings with its state; Khunjerab is open in June by the calendar, with its winter rule', async () => {
    const { status, body } = await getJson(url(''), shipper);
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThanOrEqual(17);
    const kkh = body.items.find((c: { id: string }) => c.id === KHUNJERAB);
    expect(kkh).toMatchObject({
      name: 'Khunjerab–Tashkurgan',
      open: true,
      closure: null,
      override: null,
      season: [{ from: '12-01', until: '04-01' }],
    });
    expect((await book()).status).toBe(201);
  });

  it('closes Khunjerab until further notice: published; a booking through it gets why and alternatives', async () => {
    const closed = await postJson(
      url('/Khunjerab–Tashkurgan/overrides'),
      { open: false, reason: 'landslide near Sost', requestedBy: 'A. Khan' },
      operator,
    );
    expect(closed.status).toBe(201);
    expect(closed.body.override).toMatchObject({
      open: false,
      reason: 'landslide near Sost',
      until: null,
      requestedBy: 'A. Khan',
      setBy: operator.keyId,
      liftedAt: null,
    });
    expect(closed.body.crossing).toMatchObject({
      id: KHUNJERAB,
      open: false,
      closure: { reason: 'landslide near Sost', until: null, source: 'operator' },
    });

    const [fact] = await facts('crossing.closed');
    expect(fact).toMatchObject({
      subject: KHUNJERAB,
      payload: {
        overrideId: closed.body.override.id,
        crossing: KHUNJERAB,
        reason: 'landslide near Sost',
        requestedBy: 'A. Khan',
        setBy: operator.keyId,
      },
    });
    expect(fact.payload.until).toBeUndefined();

    const refused = await book();
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({
      field: 'corridor',
      reason: expect.stringContaining('landslide near Sost'),
    });
    expect(refused.body.errors[0].reason).toContain('until further notice');
    expect(refused.body.alternatives).toEqual(expect.arrayContaining(['trans-afghan', 'air-lahore-almaty']));
  });

  it('refuses a second override over the same period with 409 and names the one in force', async () => {
    const clash = await postJson(
      url(`/${KHUNJERAB}/overrides`),
      { open: true, reason: 'convoy let through', until: '2026-06-20T00:00:00Z' },
      operator,
    );
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      code: 'OVERRIDE_OVERLAPS',
      detail: expect.stringContaining('landslide near Sost'),
    });
  });

  it('lifts the closure: published with the state it leaves, booking passes again, a second lift is 409', async () => {
    const { override } = await khunjerab();
    const lifted = await postJson(
      url(`/${KHUNJERAB}/overrides/${override.id}/lift`),
      { requestedBy: 'B. Nurlanov' },
      operator,
    );
    expect(lifted.status).toBe(200);
    expect(lifted.body.override).toMatchObject({
      id: override.id,
      liftedBy: operator.keyId,
      liftedAt: expect.any(String),
    });
    expect(lifted.body.crossing).toMatchObject({ open: true, closure: null, override: null });
    const [fact] = await facts('crossing.override.lifted');
    expect(fact).toMatchObject({
      subject: KHUNJERAB,
      payload: { overrideId: override.id, wasOpen: false, openNow: true, requestedBy: 'B. Nurlanov' },
    });
    expect((await book()).status).toBe(201);

    const again = await postJson(url(`/${KHUNJERAB}/overrides/${override.id}/lift`), {}, operator);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('OVERRIDE_LIFTED');
    expect((await khunjerab()).history[0]).toMatchObject({ id: override.id, liftedBy: operator.keyId });
  });

  it('opens Khunjerab for ten days in winter: bookings inside pass, later ones the calendar refuses', async () => {
    const opened = await postJson(
      url(`/${KHUNJERAB}/overrides`),
      { open: true, reason: 'winter convoy window', from: '2026-12-10T00:00:00Z', until: '2026-12-20T00:00:00Z' },
      operator,
    );
    expect(opened.status).toBe(201);
    expect(opened.body.crossing.upcoming).toEqual([
      expect.objectContaining({ id: opened.body.override.id, open: true }),
    ]);
    const [fact] = await facts('crossing.opened');
    expect(fact.payload).toMatchObject({ from: '2026-12-10T00:00:00.000Z', until: '2026-12-20T00:00:00.000Z' });

    // The first leg (Islamabad → Sost) takes hours; departing on the 11th reaches the pass inside the window.
    expect((await book('2026-12-11T00:00:00Z')).status).toBe(201);
    const late = await book('2026-12-25T00:00:00Z');
    expect(late.status).toBe(422);
    expect(late.body.errors[0].reason).toContain('closed for winter');
  });

  it('answers 403 to non-operators, 404 for an unknown crossing or override, 422 for a bad period', async () => {
    expect((await postJson(url(`/${KHUNJERAB}/overrides`), { open: false, reason: 'x' }, shipper)).status).toBe(403);
    expect((await postJson(url('/atlantis/overrides'), { open: false, reason: 'x' }, operator)).status).toBe(404);
    expect((await getJson(url('/atlantis'), shipper)).status).toBe(404);
    expect(
      (await postJson(url(`/torkham/overrides/6f1c2e0a-2b4d-4c1e-9a57-3d8e1f0b7c21/lift`), {}, operator)).status,
    ).toBe(404);

    const cases: [Record<string, unknown>, string][] = [
      [{ open: false }, 'reason'],
      [{ open: 'no', reason: 'x' }, 'open'],
      [{ open: false, reason: 'x', from: '2026-06-10T00:00:00Z', until: '2026-06-09T00:00:00Z' }, 'until'],
      [{ open: false, reason: 'x', until: '2026-05-01T00:00:00Z' }, 'until'],
      [{ open: false, reason: 'x', from: 'tomorrow' }, 'from'],
      [{ open: false, reason: 'x', closedBy: 'me' }, ''],
    ];
    for (const [body, field] of cases) {
      const response = await postJson(url('/torkham/overrides'), body, operator);
      expect({ body, status: response.status }).toEqual({ body, status: 422 });
      if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await facts('crossing.closed')).toHaveLength(1);
  });
});
