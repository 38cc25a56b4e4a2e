import { createCaller, createTestStack, spawnService, type ChildService, type TestStack } from '@lib/testing';
import { kinnowByAir, postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/database';

/**
 * The shipments service dies (SIGKILL) after a booking's effect was written but before its
 * transaction committed, with the Idempotency-Key's answer in the same transaction. The client
 * retries with the same key after the restart: one booking, whatever the timing, and further
 * retries replay it.
 */
describe('Idempotency-Key across a crash', () => {
  let stack: TestStack;
  let service: ChildService | undefined;

  beforeAll(async () => {
    stack = await createTestStack('idemcrash');
  });

  afterAll(async () => {
    await service?.stop();
    await stack?.dispose();
  });

  it('books once when the service dies mid-request and the client retries with the same key', async () => {
    service = await spawnService('shipments', stack, { FAULT_POINTS: 'idempotency.before-commit' });
    const shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    const body = kinnowByAir({ consignee: 'Crash Test Fruit LLP' });
    const headers = { 'idempotency-key': 'order-crash-1' };

    await expect(postJson(`${service.baseUrl}/v1/shipments`, body, shipper, headers)).rejects.toThrow();
    await expect(service.exited).resolves.toMatchObject({ signal: 'SIGKILL' });

    service = await spawnService('shipments', stack);
    const retried = await postJson(`${service.baseUrl}/v1/shipments`, body, shipper, headers);
    expect(retried.status).toBe(201);
    const again = await postJson(`${service.baseUrl}/v1/shipments`, body, shipper, headers);
    expect({ status: again.status, id: again.body.id, replayed: again.headers.get('idempotent-replayed') }).toEqual({
      status: 201,
      id: retried.body.id,
      replayed: 'true',
    });

    const shipments = await query(stack, `SELECT id FROM shipments.shipments WHERE consignee = 'Crash Test Fruit LLP'`);
    expect(shipments).toEqual([{ id: retried.body.id }]);
    const booked = await query(
      stack,
      `SELECT count(*)::int AS n FROM shipments.outbox WHERE event_type = 'shipment.booked' AND subject = $1`,
      [retried.body.id],
    );
    expect(booked[0].n).toBe(1);
  });
});
