import type { EventType } from '@lib/contracts';
import type { NewEvent } from '@lib/messaging';
import type { Declaration } from './declaration.entity';

/** A `customs.*` event about a declaration: its facts plus what the event adds. */
export function declarationFact(
  type: EventType,
  declaration: Declaration,
  extra: Record<string, unknown>,
): NewEvent<EventType> {
  return {
    type,
    subject: declaration.shipmentId,
    data: {
      declarationId: declaration.id,
      shipmentId: declaration.shipmentId,
      shipperId: declaration.shipperId,
      crossing: declaration.crossing ?? '',
      legSequence: declaration.legSequence ?? undefined,
      ...extra,
    },
  };
}
