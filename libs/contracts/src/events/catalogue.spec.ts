import { allTopics, sourceOf, topicName } from '../topics';
import { eventTypes, isEventType, topicKeyOf } from './catalogue';

describe('event catalogue', () => {
  it('namespaces every ce_type by the service that publishes it', () => {
    const prefix = { shipments: 'shipment.', customs: 'customs.', notifications: 'notification.' } as const;
    for (const type of eventTypes) expect(type.startsWith(prefix[topicKeyOf(type)])).toBe(true);
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
