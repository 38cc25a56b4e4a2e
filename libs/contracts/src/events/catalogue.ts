import type { TopicKey } from '../topics';
import type { CrossingEvents } from './crossing.events';
import type { CustomsEvents } from './customs.events';
import type { NotificationEvents } from './notification.events';
import type { ShipmentEvents } from './shipment.events';

/** Every event of the system by its `ce_type`, with its payload type. */
export type EventPayloads = ShipmentEvents & CrossingEvents & CustomsEvents & NotificationEvents;
export type EventType = keyof EventPayloads;
export type EventPayload<T extends EventType> = EventPayloads[T];

/** The topic each `ce_type` travels on; the compiler insists every type is listed exactly once. */
const eventTopics: { [T in EventType]: TopicKey } = {
  'shipment.booked': 'shipments',
  'shipment.cancelled': 'shipments',
  'shipment.leg.departed': 'shipments',
  'shipment.leg.arrived': 'shipments',
  'shipment.border.reached': 'shipments',
  'shipment.border.exited': 'shipments',
  'shipment.delivered': 'shipments',
  'shipment.exception': 'shipments',
  'shipment.temperature.excursion': 'shipments',
  'shipment.eta.changed': 'shipments',
  'shipment.leg.delayed': 'shipments',
  'shipment.shelf_life.at_risk': 'shipments',
  'shipment.reefer.silent': 'shipments',
  'crossing.closed': 'shipments',
  'crossing.opened': 'shipments',
  'crossing.override.lifted': 'shipments',
  'customs.declaration.opened': 'customs',
  'customs.documents.missing': 'customs',
  'customs.inspection.started': 'customs',
  'customs.held': 'customs',
  'customs.cleared': 'customs',
  'customs.rejected': 'customs',
  'customs.sla.breached': 'customs',
  'notification.delivered': 'notifications',
  'notification.failed': 'notifications',
};

export const eventTypes = Object.keys(eventTopics) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventTopics, value);
}

export function topicKeyOf(type: EventType): TopicKey {
  return eventTopics[type];
}
