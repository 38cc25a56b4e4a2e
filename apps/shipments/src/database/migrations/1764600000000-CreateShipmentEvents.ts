import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateShipmentEvents1764600000000 implements MigrationInterface {
  name = 'CreateShipmentEvents1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "shipments".shipments
        ADD COLUMN position     jsonb,
        ADD COLUMN in_excursion boolean NOT NULL DEFAULT false,
        ADD COLUMN updated_at   timestamptz`);
    // The append-only history; (tenant, carrier's event id) is the carrier's idempotency key.
    await queryRunner.query(`
      CREATE TABLE "shipments".shipment_events (
        id               uuid PRIMARY KEY,
        shipment_id      uuid NOT NULL REFERENCES "shipments".shipments(id),
        tenant_id        text NOT NULL,
        carrier_event_id text NOT NULL,
        request_hash     text NOT NULL,
        leg_sequence     integer NOT NULL,
        kind             text NOT NULL,
        classifier       text NOT NULL,
        occurred_at      timestamptz NOT NULL,
        accepted_at      timestamptz NOT NULL,
        location         jsonb,
        details          jsonb NOT NULL DEFAULT '{}',
        published        text[] NOT NULL DEFAULT '{}',
        UNIQUE (tenant_id, carrier_event_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX shipment_events_timeline ON "shipments".shipment_events (shipment_id, occurred_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "shipments".shipment_events');
    await queryRunner.query(
      'ALTER TABLE "shipments".shipments DROP COLUMN position, DROP COLUMN in_excursion, DROP COLUMN updated_at',
    );
  }
}
