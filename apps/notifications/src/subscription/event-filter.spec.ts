import { eventFilterProblem, matchesEventType, NOTIFIABLE_EVENT_TYPES } from './event-filter';

describe('event filters', () => {
  it('match exact types, everything, and prefixes', () => {
    expect(matchesEventType(['customs.cleared'], 'customs.cleared')).toBe(true);
    expect(matchesEventType(['customs.cleared'], 'customs.held')).toBe(false);
    expect(matchesEventType(['*'], 'shipment.delivered')).toBe(true);
    expect(matchesEventType(['customs.*'], 'customs.sla.breached')).toBe(true);
    expect(matchesEventType(['customs.*'], 'shipment.booked')).toBe(false);
    expect(matchesEventType(['shipment.leg.*', 'customs.held'], 'shipment.leg.delayed')).toBe(true);
    expect(matchesEventType([], 'shipment.booked')).toBe(false);
  });

  it('offers shipments and customs facts to shippers, not the notification events', () => {
    expect(NOTIFIABLE_EVENT_TYPES).toEqual(
      expect.arrayContaining(['shipment.booked', 'customs.cleared', 'shipment.temperature.excursion']),
    );
    expect(NOTIFIABLE_EVENT_TYPES.some((t) => t.startsWith('notification.'))).toBe(false);
  });

  it('refuses filters that can never match', () => {
    expect(eventFilterProblem('customs.*')).toBeUndefined();
    expect(eventFilterProblem('shipment.leg.*')).toBeUndefined();
    expect(eventFilterProblem('*')).toBeUndefined();
    expect(eventFilterProblem('customs.teleported')).toMatch(/matches no event type/);
    expect(eventFilterProblem('notification.*')).toMatch(/matches no event type/);
    expect(eventFilterProblem('customs.**')).toMatch(/an event type/);
  });
});
