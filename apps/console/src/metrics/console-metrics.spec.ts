import type { HttpAdapterHost } from '@nestjs/core';
import { Registry } from 'prom-client';
import { ConsoleMetrics, signInOutcomeOf } from './console-metrics';

function harness() {
  const registry = new Registry();
  const metrics = new ConsoleMetrics(registry, {} as HttpAdapterHost);
  const values = async (name: string) => (await registry.getSingleMetric(name)!.get()).values;
  return { metrics, values };
}

describe('signInOutcomeOf', () => {
  it.each([
    [303, 'signed_in'],
    [401, 'refused'],
    [403, 'forbidden'],
    [500, 'error'],
    [200, 'error'],
  ])('reads %i as %s', (status, outcome) => {
    expect(signInOutcomeOf(status)).toBe(outcome);
  });
});

describe('ConsoleMetrics', () => {
  it('counts sign-ins by outcome', async () => {
    const { metrics, values } = harness();
    metrics.signedIn(401);
    metrics.signedIn(303);
    metrics.signedIn(401);
    await expect(values('logistics_console_sign_ins_total')).resolves.toEqual(
      expect.arrayContaining([
        { labels: { outcome: 'refused' }, value: 2 },
        { labels: { outcome: 'signed_in' }, value: 1 },
      ]),
    );
  });

  it('follows the overview streams as they open and close', async () => {
    const { metrics, values } = harness();
    metrics.streamOpened();
    metrics.streamOpened();
    metrics.streamClosed();
    await expect(values('logistics_console_overview_streams')).resolves.toEqual([{ labels: {}, value: 1 }]);
  });
});
