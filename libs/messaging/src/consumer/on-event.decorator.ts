import { UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventType } from '@lib/contracts';
import type { EventEnvelope } from '../cloud-events';
import type { EventContext } from './event-context';
import { RethrowEventErrorFilter } from './rethrow-event-error.filter';

export type EventHandlerMethod<T extends EventType> = (event: EventEnvelope<T>, context: EventContext) => Promise<void>;

/**
 * `@EventPattern` for one `ce_type` of the catalogue (or several, for a handler that treats them
 * alike), typed: the compiler checks the type names and
 * that the handler takes that event's envelope and the transaction-carrying `EventContext`. It also
 * binds the two parameters (`@Payload()`, `@Ctx()`) and lets the handler's error reach the event
 * server, which decides between retry and dead letter.
 */
export function OnEvent<T extends EventType>(type: T | readonly T[]) {
  return (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<EventHandlerMethod<T>>): void => {
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
    UseFilters(new RethrowEventErrorFilter())(target, key, descriptor as PropertyDescriptor);
    EventPattern([type].flat())(target, key, descriptor as PropertyDescriptor);
  };
}
