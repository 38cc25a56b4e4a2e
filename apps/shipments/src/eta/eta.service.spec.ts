import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TrackedShipment } from '../shipment/tracking-state';
import { EtaService } from './eta.service';
import { EtaStore } from './eta.store';

const shipment = (departed: boolean): TrackedShipment => ({
  id: '00000000-0000-4000-8000-000000000001',
  shipperId: 'p-1',
  status: departed ? 'IN_TRANSIT' : 'BOOKED',
  cargo: { commodity: 'cotton yarn', hsCode: '5205.12', packages: 1, weightKg: 1 },
  legs: [
    {
      sequence: 1,
      mode: 'ROAD',
      carrier: 'X',
      from: { name: 'Somewhere' },
      to: { name: 'Elsewhere' },
      ...(departed ? { status: 'DEPARTED' as const, actualDeparture: '2026-06-01T00:00:00Z' } : {}),
    },
  ],
  position: null,
  inExcursion: false,
});

/** A manager whose model reads fail: it records every statement, as the savepoint must frame the fault. */
const failingManager = () => {
  const statements: string[] = [];
  const manager = {
    query: jest.fn((sql: string) => {
      statements.push(sql.trim().split(/\s+/).slice(0, 4).join(' '));
      if (sql.includes('eta_prediction')) return Promise.reject(new Error('relation "eta_segments" is broken'));
      return Promise.resolve([]);
    }),
  } as unknown as EntityManager;
  return { manager, statements };
};

describe('EtaService: a model fault never refuses a carrier event', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
  afterEach(() => jest.restoreAllMocks());

  it('rolls back to its savepoint, warns, and goes on without a prediction', async () => {
    const { manager, statements } = failingManager();
    const service = new EtaService(new EtaStore());
    const assessment = await service.assess(
      manager,
      [{ before: shipment(false), after: shipment(true) }],
      new Date('2026-06-01T01:00:00Z'),
    );
    expect(assessment.facts).toEqual([]);
    expect(assessment.leg(shipment(true).id, 1)).toBeUndefined();
    expect(statements[0]).toBe('SAVEPOINT eta');
    expect(statements[statements.length - 1]).toBe('ROLLBACK TO SAVEPOINT eta');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('does the same for the overdue watch’s reassessment', async () => {
    const { manager, statements } = failingManager();
    const service = new EtaService(new EtaStore());
    expect(await service.reassess(manager, shipment(true), new Date('2026-06-05T00:00:00Z'))).toBeUndefined();
    expect(statements[statements.length - 1]).toBe('ROLLBACK TO SAVEPOINT eta');
  });

  it('releases the savepoint when nothing fails', async () => {
    const statements: string[] = [];
    const manager = {
      query: jest.fn((sql: string) => {
        statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
        return Promise.resolve([]);
      }),
    } as unknown as EntityManager;
    const assessment = await new EtaService(new EtaStore()).assess(
      manager,
      [{ before: shipment(false), after: shipment(true) }],
      new Date('2026-06-01T01:00:00Z'),
    );
    expect(assessment.facts.map((f) => f.data.source)).toEqual(['predicted']);
    expect(statements[0]).toBe('SAVEPOINT eta');
    expect(statements).toContain('RELEASE SAVEPOINT eta');
    expect(statements).not.toContain('ROLLBACK TO SAVEPOINT');
  });
});
