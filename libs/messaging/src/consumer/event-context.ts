import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '../cloud-events';

export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * What a handler gets beside the event (`@Ctx()`): the transaction in which its processed id is
 * recorded — write the effect through `manager` and both commit together — and where the record sits.
 */
export class EventContext extends BaseRpcContext<[EventEnvelope, EntityManager, RecordPosition, number]> {
  get event(): EventEnvelope {
    return this.args[0];
  }
  get manager(): EntityManager {
    return this.args[1];
  }
  get position(): RecordPosition {
    return this.args[2];
  }
  get attempt(): number {
    return this.args[3];
  }
}
