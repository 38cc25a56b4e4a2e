import { Logger, type ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ProblemDetailsFilter } from './problem-details.filter';

/** The filter against a recording reply: what status and body a request would get. */
function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: string } = { status: 0, body: '' };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header: () => reply,
    send(body: string) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ url: '/v1/shipments?corridor=x' }), getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return { status: sent.status, body: JSON.parse(sent.body) };
}

const postgresError = (code: string) =>
  new QueryFailedError(
    'SELECT * FROM "shipments".shipments WHERE corridor = $1',
    ['whsec_secret-value'],
    Object.assign(new Error('invalid byte sequence'), { code }),
  );

describe('ProblemDetailsFilter: input the database or Date cannot hold', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it.each(['22021', '22008', '22P02', '22P05', '22009'])(
    'answers a Postgres data exception (SQLSTATE %s) with 422, without the SQL or its parameters',
    (code) => {
      const { status, body } = answer(postgresError(code));
      expect(status).toBe(422);
      expect(body).toMatchObject({
        status: 422,
        title: 'Validation failed',
        errors: [{ field: '(body)', reason: expect.any(String) }],
      });
      expect(JSON.stringify(body)).not.toMatch(/SELECT|whsec_|invalid byte/);
    },
  );

  it('answers toISOString() of an Invalid Date with 422', () => {
    let thrown: unknown;
    try {
      new Date(Number.NaN).toISOString();
    } catch (error) {
      thrown = error;
    }
    expect(answer(thrown)).toMatchObject({ status: 422, body: { errors: [{ field: '(body)' }] } });
  });

  it('still answers other database failures and other RangeErrors with 500', () => {
    expect(answer(postgresError('23505')).status).toBe(500);
    expect(answer(postgresError('40001')).status).toBe(500);
    expect(answer(new RangeError('Maximum call stack size exceeded')).status).toBe(500);
  });
});
