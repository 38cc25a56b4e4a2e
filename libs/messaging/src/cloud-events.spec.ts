import { fromKafkaMessage, MalformedEventError, newEventId, toKafkaMessage, type EventEnvelope } from './cloud-events';

const booked = (): EventEnvelope<'shipment.cancelled'> => ({
  id: newEventId(),
  type: 'shipment.cancelled',
  source: '/shipments',
  subject: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11',
  time: '2026-12-01T08:00:00.000Z',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  data: { shipmentId: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11', shipperId: 'shipper-1', reason: 'order withdrawn' },
});

describe('CloudEvents binary mode on Kafka', () => {
  it('puts the attributes in ce_* headers, the subject in the key and the data in the value', () => {
    const event = booked();
    const message = toKafkaMessage(event);
    expect(message.key).toBe(event.subject);
    expect(JSON.parse(String(message.value))).toEqual(event.data);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: '/shipments',
      ce_type: 'shipment.cancelled',
      ce_subject: event.subject,
      ce_time: event.time,
      'content-type': 'application/json',
      traceparent: event.traceparent,
    });
  });

  it('reads back what it wrote, from Buffers as kafkajs delivers them', () => {
    const event = booked();
    const message = toKafkaMessage(event);
    const headers = Object.fromEntries(Object.entries(message.headers!).map(([k, v]) => [k, Buffer.from(String(v))]));
    expect(fromKafkaMessage({ headers, value: Buffer.from(String(message.value)) })).toEqual(event);
  });

  it.each([
    ['a missing ce_type', { ce_type: undefined }, 'header ce_type is missing'],
    ['an id that is not a UUID', { ce_id: '42' }, 'ce_id "42" is not a UUID'],
    [
      'a type outside the catalogue',
      { ce_type: 'shipment.teleported' },
      'ce_type "shipment.teleported" is not in the catalogue',
    ],
    ['another spec version', { ce_specversion: '0.3' }, 'ce_specversion must be 1.0'],
    ['a time that is not a timestamp', { ce_time: 'yesterday' }, 'ce_time "yesterday" is not a timestamp'],
  ])('refuses %s as malformed', (_, change, reason) => {
    const message = toKafkaMessage(booked());
    const headers = { ...message.headers, ...change } as Record<string, string>;
    expect(() => fromKafkaMessage({ headers, value: Buffer.from(String(message.value)) })).toThrow(
      new MalformedEventError(reason),
    );
  });

  it('refuses a value that is not a JSON object', () => {
    const message = toKafkaMessage(booked());
    expect(() => fromKafkaMessage({ headers: message.headers!, value: Buffer.from('not json') })).toThrow(
      MalformedEventError,
    );
    expect(() => fromKafkaMessage({ headers: message.headers!, value: Buffer.from('42') })).toThrow(
      'record value is not a JSON object',
    );
  });
});
