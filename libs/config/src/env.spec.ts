import { z } from 'zod';
import { DEAD_LETTER_RETENTION_MS, SOURCE_TOPIC_RETENTION_MS } from '@lib/contracts';
import { baseEnvSchema, ConfigError, MIN_INBOX_RETENTION_MS, parseEnv, port } from './env';

const schema = baseEnvSchema.extend({ TEST_PORT: port(3001) });

describe('parseEnv', () => {
  it('fills defaults from CONVENTIONS.md when nothing is set', () => {
    const env = parseEnv(schema, {});
    expect(env.TEST_PORT).toBe(3001);
    expect(env.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/logistics');
  });

  it('treats an empty value as unset', () => {
    expect(parseEnv(schema, { TEST_PORT: '' }).TEST_PORT).toBe(3001);
  });

  it('names the variable and the bad value', () => {
    expect(() => parseEnv(schema, { TEST_PORT: 'abc' })).toThrow(/TEST_PORT: .*\(got "abc"\)/);
  });

  it('reports every bad variable at once', () => {
    try {
      parseEnv(schema, { DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohost', LOG_LEVEL: 'loud' });
      throw new Error('expected ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const names = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names.sort()).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'LOG_LEVEL']);
    }
  });

  it('stops on a required variable that is missing', () => {
    const required = z.object({ SECRET_THING: z.string().min(1) });
    expect(() => parseEnv(required, {})).toThrow(/SECRET_THING/);
  });

  describe('INBOX_RETENTION_MS', () => {
    const DAY_MS = 24 * 3600_000;

    it('keeps processed ids longer than dead letters wait for a replay, by default', () => {
      expect(parseEnv(schema, {}).INBOX_RETENTION_MS).toBeGreaterThanOrEqual(MIN_INBOX_RETENTION_MS);
      expect(MIN_INBOX_RETENTION_MS).toBeGreaterThan(DEAD_LETTER_RETENTION_MS);
    });

    it('covers a replayed dead letter back on its source topic: 7 + 30 + 7 = 44 days with the topics catalogue', () => {
      expect(MIN_INBOX_RETENTION_MS).toBe(
        SOURCE_TOPIC_RETENTION_MS + DEAD_LETTER_RETENTION_MS + SOURCE_TOPIC_RETENTION_MS,
      );
      expect([SOURCE_TOPIC_RETENTION_MS, DEAD_LETTER_RETENTION_MS, MIN_INBOX_RETENTION_MS]).toEqual([
        7 * DAY_MS,
        30 * DAY_MS,
        44 * DAY_MS,
      ]);
      expect(parseEnv(schema, {}).INBOX_RETENTION_MS).toBe(45 * DAY_MS);
    });

    it.each([
      String(14 * DAY_MS),
      String(DEAD_LETTER_RETENTION_MS - 1),
      // The dead letter's wait plus one source retention: a replay a lagging consumer
      // meets on the source topic would apply twice.
      String(DEAD_LETTER_RETENTION_MS + SOURCE_TOPIC_RETENTION_MS),
      String(MIN_INBOX_RETENTION_MS - 1),
    ])('refuses %s ms, shorter than a dead letter can wait for its replay, naming the variable', (value) => {
      expect(() => parseEnv(schema, { INBOX_RETENTION_MS: value })).toThrow(ConfigError);
      expect(() => parseEnv(schema, { INBOX_RETENTION_MS: value })).toThrow(
        new RegExp(
          `INBOX_RETENTION_MS: must be at least ${MIN_INBOX_RETENTION_MS} ms.*dead-letter replay.*\\(got "${value}"\\)`,
        ),
      );
    });

    it('accepts the minimum', () => {
      expect(parseEnv(schema, { INBOX_RETENTION_MS: String(MIN_INBOX_RETENTION_MS) }).INBOX_RETENTION_MS).toBe(
        MIN_INBOX_RETENTION_MS,
      );
    });
  });
});
