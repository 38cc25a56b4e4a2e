import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRelayWake, dropRelayWake } from '@lib/messaging';

/** The outbox trigger NOTIFYs only while the relay sleeps (see createRelayWake). */
export class OutboxWakeWhileRelayAsleep1765400000000 implements MigrationInterface {
  name = 'OutboxWakeWhileRelayAsleep1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createRelayWake(queryRunner, 'customs');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropRelayWake(queryRunner, 'customs');
  }
}
