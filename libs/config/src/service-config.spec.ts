import { baseEnvSchema, ConfigError, parseEnv } from './env';
import { serviceConfig } from './service-config';

describe('serviceConfig', () => {
  it('reads the messaging settings, with fault injection off by default', () => {
    const config = serviceConfig('customs', parseEnv(baseEnvSchema, { CONSUMER_MAX_ATTEMPTS: '7' }), 3002);
    expect(config.messaging.consumer.maxAttempts).toBe(7);
    expect(config.messaging.faults).toEqual({ points: [], poisonSubjects: [] });
  });

  it('takes fault points as a list outside production', () => {
    const env = parseEnv(baseEnvSchema, { NODE_ENV: 'test', FAULT_POINTS: 'relay.after-publish, consumer.after-commit' });
    expect(serviceConfig('shipments', env, 0).messaging.faults.points).toEqual(['relay.after-publish', 'consumer.after-commit']);
  });

  it('refuses fault injection in production', () => {
    const env = parseEnv(baseEnvSchema, { NODE_ENV: 'production', FAULT_POINTS: 'relay.after-publish' });
    expect(() => serviceConfig('shipments', env, 0)).toThrow(ConfigError);
  });
});
