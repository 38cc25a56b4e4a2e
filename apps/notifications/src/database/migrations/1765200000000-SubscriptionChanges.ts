import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SUBSCRIPTION_CHANGES_CHANNEL } from '../../subscription/subscription-changes';

/**
 * Every change to a subscription, whoever makes it (this instance, another one, an operator's SQL),
 * NOTIFYs its shipper at commit, so each instance drops that shipper from its subscription cache.
 */
export class SubscriptionChanges1765200000000 implements MigrationInterface {
  name = 'SubscriptionChanges1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "notifications".subscriptions_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('${SUBSCRIPTION_CHANGES_CHANNEL}', OLD.shipper_id); END IF;
        IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('${SUBSCRIPTION_CHANGES_CHANNEL}', NEW.shipper_id); END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER subscriptions_notify AFTER INSERT OR UPDATE OR DELETE ON "notifications".subscriptions
      FOR EACH ROW EXECUTE FUNCTION "notifications".subscriptions_notify()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER subscriptions_notify ON "notifications".subscriptions');
    await queryRunner.query('DROP FUNCTION "notifications".subscriptions_notify()');
  }
}
