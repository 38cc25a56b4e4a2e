import { baseEnvSchema, parseEnv, port, serviceConfig, type ServiceConfig } from '@lib/config';

export const notificationsEnvSchema = baseEnvSchema.extend({
  NOTIFICATIONS_PORT: port(3003),
});

export type NotificationsConfig = ServiceConfig;

/** The only place the notifications service reads process.env. */
export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  const parsed = parseEnv(notificationsEnvSchema, env);
  return serviceConfig('notifications', parsed, parsed.NOTIFICATIONS_PORT);
}
