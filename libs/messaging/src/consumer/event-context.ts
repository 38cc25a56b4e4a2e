import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '../cloud-events';

export type AfterCommit = () => Promise<void>;

export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * What a handler gets beside the event (`@Ctx()`): the transaction in which its processed id is
 * recorded — write the effect through `manager` and both commit together — and where the record sits.
 */
export class EventContext extends BaseRpcContext<
  [EventEnvelope, EntityManager, RecordPosition, number, AfterCommit[]]
> {
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
  /**
   * Work to do once the transaction has committed (e.g. waking a BullMQ job for a row written in it).
   * Best effort: it runs after the record is settled, so whatever it starts must also be recoverable
   * from Postgres (a sweep) in case the process dies in between.
   */
  readonly afterCommit = (work: AfterCommit): void => {
    this.args[4].push(work);
  };
}
