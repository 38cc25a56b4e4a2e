import type { DynamicModule } from '@nestjs/common';
import { Client } from 'pg';
import { startTestService, type RunningService } from './test-service';

/** The probes every service must answer: shared so each app's test file states only what it boots. */
export function describeServiceHealth(service: string, moduleFor: (env: NodeJS.ProcessEnv) => DynamicModule): void {
  describe(`${service} service on the real stack`, () => {
    let running: RunningService;

    beforeAll(async () => {
      running = await startTestService(service, moduleFor);
    });

    afterAll(async () => {
      await running?.stop();
    });

    it('is live', async () => {
      const response = await fetch(`${running.baseUrl}/health/live`);
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toMatchObject({ status: 'ok' });
    });

    it('is ready when Postgres, Redis and Kafka answer', async () => {
      const response = await fetch(`${running.baseUrl}/health/ready`);
      const body = (await response.json()) as { details: Record<string, unknown> };
      expect(response.status).toBe(200);
      expect(body.details).toMatchObject({
        postgres: { status: 'up' },
        redis: { status: 'up' },
        kafka: { status: 'up' },
      });
    });

    it(`applied its migrations into the ${service} schema at start`, async () => {
      const client = new Client({ connectionString: running.stack.database.url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT name FROM "${service}".migrations ORDER BY id`);
        expect(rows.length).toBeGreaterThan(0);
      } finally {
        await client.end();
      }
    });

    it('is not ready (503, kafka down) when the broker is unreachable', async () => {
      const broken = await startTestService(service, moduleFor, { KAFKA_BROKERS: '127.0.0.1:1' });
      try {
        const response = await fetch(`${broken.baseUrl}/health/ready`);
        const body = (await response.json()) as { details: Record<string, unknown> };
        expect(response.status).toBe(503);
        expect(body.details).toMatchObject({ postgres: { status: 'up' }, kafka: { status: 'down' } });
      } finally {
        await broken.stop();
      }
    });
  });
}
