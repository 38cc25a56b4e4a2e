import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { REDACTED_PATHS } from './logging.module';

const SECRET = 'whsec_9f8e7d6c5b4a39281706f5e4d3c2b1a0Zz';

describe('log redaction', () => {
  const lines: string[] = [];
  const logger = pino(
    { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }),
  );
  beforeEach(() => (lines.length = 0));

  it("keeps a failed query's parameters and row values out of an error logged with it", () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "tokens_pkey"'), {
      code: '23505',
      detail: `Key (id)=(${SECRET}) already exists.`,
    });
    logger.warn(
      { err: new QueryFailedError('INSERT INTO tokens (id) VALUES ($1)', [SECRET], driverError) },
      'handler failed',
    );
    expect(lines.join('')).toContain('tokens_pkey');
    expect(lines.join('')).not.toContain(SECRET);
  });

  it('keeps the Authorization header out', () => {
    logger.info({ req: { headers: { authorization: `Bearer key_0000000000000000.${SECRET}` } } }, 'request');
    expect(lines.join('')).not.toContain(SECRET);
  });
});
