import { baseEnvSchema, ConfigError, parseEnv } from './env';
import { serviceConfig } from './service-config';

describe('serviceConfig', () => {
  it('reads the messaging settings, with fault injection off by default', () => {
    const config = serviceConfig('customs', parseEnv(baseEnvSchema, { CONSUMER_MAX_ATTEMPTS: '7' }), 3002);
    expect(config.messaging.consumer.maxAttempts).toBe(7);
    expect(config.messaging.faults).toEqual({ points: [], poisonSubjects: [] });
  });

  it('takes fault points as a list outside production', () => {
    const env = parseEnv(baseEnvSchema, {
      NODE_ENV: 'test',
      FAULT_POINTS: 'relay.after-publish, consumer.after-commit',
    });
    expect(serviceConfig('shipments', env, 0).messaging.faults.points).toEqual([
      'relay.after-publish',
      'consumer.after-commit',
    ]);
  });

  it('refuses fault injection in production', () => {
    const env = parseEnv(baseEnvSchema, { NODE_ENV: 'production', FAULT_POINTS: 'relay.after-publish' });
    expect(() => serviceConfig('shipments', env, 0)).toThrow(ConfigError);
  });

  it('runs on real time unless CLOCK_EPOCH / CLOCK_SCALE say otherwise', () => {
    expect(serviceConfig('customs', parseEnv(baseEnvSchema, {}), 0).clock).toEqual({ epoch: undefined, scale: 1 });
    const env = parseEnv(baseEnvSchema, { CLOCK_EPOCH: '2026-05-01T06:00:00+05:00', CLOCK_SCALE: '1200' });
    expect(serviceConfig('customs', env, 0).clock).toEqual({ epoch: new Date('2026-05-01T01:00:00Z'), scale: 1200 });
  });

  it.each([
    ['CLOCK_EPOCH', '2026-05-01T06:00:00'],
    ['CLOCK_EPOCH', 'tomorrow'],
    ['CLOCK_SCALE', '0'],
    ['CLOCK_SCALE', '-5'],
    ['CLOCK_SCALE', 'fast'],
  ])('names %s when it is %p', (name, value) => {
    expect(() => parseEnv(baseEnvSchema, { [name]: value })).toThrow(ConfigError);
    expect(() => parseEnv(baseEnvSchema, { [name]: value })).toThrow(new RegExp(`${name}: .*\\(got "${value}"\\)`));
  });
});
