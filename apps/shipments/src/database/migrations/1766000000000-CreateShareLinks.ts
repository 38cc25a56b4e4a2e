import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Share links to a shipment's public tracking page (/t/<token>). Only the token's SHA-256 is kept: a
 * leaked table does not open any page. `show` records what the shipper chose to share beyond the basics.
 */
export class CreateShareLinks1766000000000 implements MigrationInterface {
  name = 'CreateShareLinks1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "shipments".share_links (
        id             uuid PRIMARY KEY,
        shipment_id    uuid NOT NULL REFERENCES "shipments".shipments(id),
        token_hash     bytea NOT NULL UNIQUE,
        label          text,
        language       text NOT NULL,
        show_consignee boolean NOT NULL DEFAULT false,
        show_documents boolean NOT NULL DEFAULT false,
        created_by     text NOT NULL,
        created_at     timestamptz NOT NULL,
        expires_at     timestamptz,
        revoked_at     timestamptz,
        revoked_by     text,
        last_opened_at timestamptz
      )`);
    await queryRunner.query(
      'CREATE INDEX share_links_shipment ON "shipments".share_links (shipment_id, created_at DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "shipments".share_links');
  }
}
