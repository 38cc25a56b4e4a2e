import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentity1764500000000 implements MigrationInterface {
  name = 'CreateIdentity1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE identity.tenants (
        id           text PRIMARY KEY,
        name         text NOT NULL,
        role         text NOT NULL
                     CHECK (role IN ('shipper', 'carrier', 'customs_broker', 'customs_officer', 'operator')),
        carrier_code text,
        crossing     text,
        acts_for     text[] NOT NULL DEFAULT '{}',
        created_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'carrier' OR carrier_code IS NOT NULL),
        CHECK (role <> 'customs_officer' OR crossing IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE TABLE identity.api_keys (
        id          text PRIMARY KEY,
        tenant_id   text NOT NULL REFERENCES identity.tenants(id),
        secret_hash bytea NOT NULL,
        label       text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      )`);
    await queryRunner.query('CREATE INDEX api_keys_tenant ON identity.api_keys (tenant_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE identity.api_keys');
    await queryRunner.query('DROP TABLE identity.tenants');
  }
}
