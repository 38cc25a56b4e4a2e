import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lib/database';
import { IdentityStore, migrateIdentity, type NewTenant } from '@lib/identity';
import { legsFor, listCorridors } from '@lib/reference-data';
import { startWebhookReceiver, type WebhookReceiver } from '@lib/stand-in-shippers';
import type { Caller, Send } from '../../simulator/src/simulator.http';

/** A shipper of the run: its key, its customs broker, its webhook endpoint and what it subscribed to. */
export interface Shipper {
  name: string;
  tenantId: string;
  authorization: string;
  broker: Caller;
  receiver: WebhookReceiver;
  /** The webhook subscription's filters. */
  webhookTypes: string[];
  /** An email subscription too (all types), to the run's SMTP catcher. */
  email?: string;
  secret: string;
}

interface Cast {
  shippers: Shipper[];
  carriers: Map<string, Caller & { tenantId: string }>;
  /** One officer per crossing the corridors pass (by crossing name). */
  officers: Map<string, Caller>;
  /** An operator, for what only customs staff may read. */
  operator: Caller;
}

/** Three shippers: one hears everything by webhook and email, one by webhook, one only customs news and deliveries. */
const SHIPPERS: { name: string; webhookTypes: string[]; email?: string }[] = [
  { name: 'Bhalwal Kinnow Exports', webhookTypes: ['*'], email: 'cargo@bhalwal-kinnow.example' },
  { name: 'Almaty Flour Mills', webhookTypes: ['*'] },
  { name: 'Karachi Cotton Traders', webhookTypes: ['customs.*', 'shipment.delivered'] },
];

/** Tenants and keys straight in the identity schema (as `npm run keys` makes them), then subscriptions over HTTP. */
export async function createCast(
  databaseUrl: string,
  runLabel: string,
  notificationsUrl: string,
  send: Send,
): Promise<Cast> {
  await migrateIdentity(databaseUrl);
  const dataSource = await new DataSource(
    dataSourceOptions({ url: databaseUrl, schema: 'identity', migrations: [], poolSize: 2 }),
  ).initialize();
  const store = new IdentityStore(dataSource);
  const caller = async (tenant: NewTenant): Promise<Caller & { tenantId: string }> => {
    const tenantId = await store.createTenant({ ...tenant, name: `${tenant.name} (chaos ${runLabel})` });
    return { tenantId, authorization: `Bearer ${(await store.issueKey(tenantId, 'chaos')).token}` };
  };
  try {
    const carrierCodes = [...new Set(listCorridors().flatMap((c) => c.legs.map((l) => l.carrier)))];
    const crossings = [
      ...new Set(
        listCorridors().flatMap((c) =>
          [...legsFor(c.id, 'forward'), ...legsFor(c.id, 'reverse')].map((l) => l.crossing),
        ),
      ),
    ].filter((c): c is string => !!c);
    const carriers = new Map<string, Caller & { tenantId: string }>();
    for (const code of carrierCodes)
      carriers.set(code, await caller({ name: code, role: 'carrier', carrierCode: code }));
    const officers = new Map<string, Caller>();
    for (const crossing of crossings)
      officers.set(
        crossing,
        await caller({ name: `Customs officer at ${crossing}`, role: 'customs_officer', crossing }),
      );
    const operator = await caller({ name: 'Operations desk', role: 'operator' });
    const shippers: Shipper[] = [];
    for (const plan of SHIPPERS) {
      const shipper = await caller({ name: plan.name, role: 'shipper' });
      const broker = await caller({
        name: `Customs broker for ${plan.name}`,
        role: 'customs_broker',
        actsFor: [shipper.tenantId],
      });
      const entry: Shipper = {
        ...plan,
        ...shipper,
        broker,
        secret: '',
        receiver: undefined as unknown as WebhookReceiver,
      };
      entry.receiver = await startWebhookReceiver(() => entry.secret);
      shippers.push(entry);
    }
    for (const shipper of shippers) {
      const hook = await send('POST', `${notificationsUrl}/v1/subscriptions`, shipper, {
        channel: 'webhook',
        url: shipper.receiver.url,
        eventTypes: shipper.webhookTypes,
        description: 'chaos receiver',
      });
      if (hook.status !== 201)
        throw new Error(`webhook subscription refused (${hook.status}): ${JSON.stringify(hook.body)}`);
      shipper.secret = hook.body?.secret as string;
      if (shipper.email) {
        const mail = await send('POST', `${notificationsUrl}/v1/subscriptions`, shipper, {
          channel: 'email',
          email: shipper.email,
          description: 'chaos inbox',
        });
        if (mail.status !== 201)
          throw new Error(`email subscription refused (${mail.status}): ${JSON.stringify(mail.body)}`);
      }
    }
    return { shippers, carriers, officers, operator };
  } finally {
    await dataSource.destroy();
  }
}
