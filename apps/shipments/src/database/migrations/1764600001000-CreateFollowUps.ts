import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFollowUps1764600001000 implements MigrationInterface {
  name = 'CreateFollowUps1764600001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The durable truth of every scheduled follow-up: BullMQ jobs are rebuilt from here (Redis keeps nothing).
    await queryRunner.query(`
      CREATE TABLE "shipments".follow_ups (
        id           text PRIMARY KEY,
        shipment_id  uuid NOT NULL REFERENCES "shipments".shipments(id),
        kind         text NOT NULL CHECK (kind IN ('leg_overdue', 'shelf_life')),
        leg_sequence integer,
        due_at       timestamptz NOT NULL,
        state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
        outcome      text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        done_at      timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX follow_ups_pending ON "shipments".follow_ups (due_at) WHERE state = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "shipments".follow_ups');
  }
}
