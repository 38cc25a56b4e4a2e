import { allTopics, sourceOf, topicName } from '../topics';
import { eventTypes, isEventType, topicKeyOf } from './catalogue';

describe('event catalogue', () => {
  it('namespaces every ce_type by the service that publishes it', () => {
    // The shipments service also owns the crossings' state (operators' closures and openings).
    const prefixes = {
      shipments: ['shipment.', 'crossing.'],
      customs: ['customs.'],
      notifications: ['notification.'],
    } as const;
    for (const type of eventTypes)
      expect({ type, namespaced: prefixes[topicKeyOf(type)].some((prefix) => type.startsWith(prefix)) }).toEqual({
        type,
        namespaced: true,
      });
  });

  it('routes every type to a topic the infrastructure creates', () => {
    const created = allTopics().map((t) => t.name);
    for (const type of eventTypes) expect(created).toContain(topicName(topicKeyOf(type)));
  });

  it('knows the sources of CONVENTIONS.md', () => {
    expect(sourceOf('shipments')).toBe('/shipments');
    expect(sourceOf('customs')).toBe('/customs');
    expect(isEventType('customs.cleared')).toBe(true);
    expect(isEventType('customs.teleported')).toBe(false);
  });
});
