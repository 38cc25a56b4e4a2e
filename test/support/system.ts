import type { TestStack } from '@lib/testing';
import { loadCustomsConfig } from '../../apps/customs/src/customs.config';
import { CustomsModule } from '../../apps/customs/src/customs.module';
import { loadNotificationsConfig } from '../../apps/notifications/src/notifications.config';
import { NotificationsModule } from '../../apps/notifications/src/notifications.module';
import { loadShipmentsConfig } from '../../apps/shipments/src/shipments.config';
import { ShipmentsModule } from '../../apps/shipments/src/shipments.module';
import { query } from './database';

// Tests of one service import its module themselves and `query` from ./database; this module boots any of them.
export { query };

export const modules = {
  shipments: (env: NodeJS.ProcessEnv) => ShipmentsModule.forRoot(loadShipmentsConfig(env)),
  customs: (env: NodeJS.ProcessEnv) => CustomsModule.forRoot(loadCustomsConfig(env)),
  notifications: (env: NodeJS.ProcessEnv) => NotificationsModule.forRoot(loadNotificationsConfig(env)),
};

/** Effects per `ce_id` of the bookings: how many declarations and notifications each produced. */
export async function effectsPerEvent(stack: TestStack, shipmentIds: string[]) {
  const declarations = await query<{ source_event_id: string; n: number }>(
    stack,
    'SELECT source_event_id, count(*)::int AS n FROM customs.declarations ' +
      'WHERE shipment_id = ANY($1::uuid[]) GROUP BY 1',
    [shipmentIds],
  );
  const notifications = await query<{ source_event_id: string; n: number }>(
    stack,
    `SELECT source_event_id, count(*)::int AS n FROM notifications.notifications
      WHERE shipment_id = ANY($1::uuid[]) AND event_type = 'shipment.booked' GROUP BY 1`,
    [shipmentIds],
  );
  return { declarations, notifications };
}
