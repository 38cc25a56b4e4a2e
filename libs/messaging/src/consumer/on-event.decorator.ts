import { EventPattern } from '@nestjs/microservices';
import type { EventType } from '@lib/contracts';
import type { EventEnvelope } from '../cloud-events';
import type { EventContext } from './event-context';

export type EventHandlerMethod<T extends EventType> = (event: EventEnvelope<T>, context: EventContext) => Promise<void>;

/**
 * `@EventPattern` for one `ce_type` of the catalogue, typed: the compiler checks the type name and
 * that the handler takes that event's envelope and the transaction-carrying `EventContext`.
 */
export function OnEvent<T extends EventType>(type: T) {
  const pattern = EventPattern(type);
  return (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<EventHandlerMethod<T>>): void => {
    pattern(target, key, descriptor as PropertyDescriptor);
  };
}
