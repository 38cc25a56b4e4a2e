import { eventTypes, type EventType } from '@lib/contracts';

/** What a shipper can subscribe to: the shipments' and customs' facts (notification.* are for operators). */
export const NOTIFIABLE_EVENT_TYPES: EventType[] = eventTypes.filter(
  (type) => type.startsWith('shipment.') || type.startsWith('customs.'),
);

function matches(filter: string, type: string): boolean {
  if (filter === '*') return true;
  if (filter.endsWith('.*')) return type.startsWith(filter.slice(0, -1));
  return filter === type;
}

/** Exact types, `*`, and prefix wildcards such as `customs.*` or `shipment.leg.*`. */
export function matchesEventType(filters: string[], type: string): boolean {
  return filters.some((filter) => matches(filter, type));
}

/** Why a filter is useless (it would never match), or undefined. */
export function eventFilterProblem(filter: string): string | undefined {
  if (!/^(\*|[a-z_]+(\.[a-z_]+)*(\.\*)?)$/.test(filter))
    return 'an event type (customs.cleared) or a wildcard (customs.*, *)';
  return NOTIFIABLE_EVENT_TYPES.some((type) => matches(filter, type))
    ? undefined
    : `matches no event type a shipper can receive (${NOTIFIABLE_EVENT_TYPES.slice(0, 3).join(', ')}, …)`;
}
