import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change that can end or alter a key's access — a key revoked, restored or deleted, its tenant's
 * role, carrier, crossing or acts-for changed — is announced on the `identity_key_changes` channel
 * (payload: the key id) when it commits, whoever made it (the keys CLI, another instance, an operator
 * in psql). Each service instance listens and drops the key from its cache, so a revocation holds on
 * every instance at once instead of after the cache's TTL.
 */
export class NotifyKeyChanges1766400000000 implements MigrationInterface {
  name = 'NotifyKeyChanges1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION identity.announce_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('identity_key_changes', OLD.id);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER api_key_changed AFTER UPDATE OR DELETE ON identity.api_keys FOR EACH ROW
        EXECUTE FUNCTION identity.announce_key_change()`);
    await queryRunner.query(`
      CREATE FUNCTION identity.announce_tenant_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('identity_key_changes', k.id) FROM identity.api_keys k WHERE k.tenant_id = OLD.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER tenant_changed AFTER UPDATE OR DELETE ON identity.tenants FOR EACH ROW
        EXECUTE FUNCTION identity.announce_tenant_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER tenant_changed ON identity.tenants');
    await queryRunner.query('DROP FUNCTION identity.announce_tenant_change()');
    await queryRunner.query('DROP TRIGGER api_key_changed ON identity.api_keys');
    await queryRunner.query('DROP FUNCTION identity.announce_key_change()');
  }
}
