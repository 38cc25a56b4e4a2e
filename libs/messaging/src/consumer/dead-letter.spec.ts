import type { KafkaMessage } from 'kafkajs';
import { readDeadLetterFacts, toDeadLetter, withoutDeadLetterHeaders } from './dead-letter';

const original: KafkaMessage = {
  key: Buffer.from('shipment-1'),
  value: Buffer.from('{"shipmentId":"shipment-1"}'),
  timestamp: '1764316800000',
  attributes: 0,
  offset: '41',
  headers: {
    ce_specversion: Buffer.from('1.0'),
    ce_id: Buffer.from('0b8a6a1e-0f57-4f0e-9a53-2b8c1f3e6d10'),
    ce_type: Buffer.from('shipment.booked'),
  },
};

const facts = {
  error: 'declaration rules failed',
  errorType: 'Error',
  topic: 'shipments.events.v1',
  partition: 3,
  offset: '41',
  consumer: 'customs',
  attempts: 5,
  failedAt: '2026-12-01T08:00:00.000Z',
};

describe('dead letters', () => {
  it('keep the record and its ce_* headers, adding the error, origin and attempts', () => {
    const letter = toDeadLetter(original, facts);
    expect(letter.key).toEqual(original.key);
    expect(letter.value).toEqual(original.value);
    expect(letter.headers).toMatchObject({ ce_id: original.headers.ce_id, ce_type: original.headers.ce_type });
    expect(readDeadLetterFacts(letter.headers)).toEqual(facts);
  });

  it('shed their dead-letter headers for a replay, leaving the original CloudEvent', () => {
    const letter = toDeadLetter(original, facts);
    expect(withoutDeadLetterHeaders(letter.headers)).toEqual(original.headers);
  });
});
