import { QueryFailedError, type EntityManager } from 'typeorm';
import { preparedQuery } from './prepared-query';

/** A manager stand-in whose connection records the statements it is sent. */
function fakeManager(
  answer: (config: { name: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }>,
) {
  const sent: { name: string; text: string; values: unknown[] }[] = [];
  const logged: unknown[] = [];
  const client = {
    query: (config: { name: string; text: string; values: unknown[] }) => (sent.push(config), answer(config)),
  };
  const manager = {
    queryRunner: { connect: () => Promise.resolve(client) },
    connection: { logger: { logQueryError: (error: unknown) => logged.push(error) } },
  } as unknown as EntityManager;
  return { manager, sent, logged };
}

describe('preparedQuery', () => {
  it('sends a statement under a name that is the same for the same text and differs for another', async () => {
    const { manager, sent } = fakeManager(() => Promise.resolve({ rows: [{ x: 1 }] }));
    await expect(preparedQuery(manager, 'SELECT $1::int AS x', [1])).resolves.toEqual([{ x: 1 }]);
    await preparedQuery(manager, 'SELECT $1::int AS x', [2]);
    await preparedQuery(manager, 'SELECT $1::int AS y', [3]);
    expect(sent[0].name).toBe(sent[1].name);
    expect(sent[2].name).not.toBe(sent[0].name);
    expect(sent.map((s) => s.values)).toEqual([[1], [2], [3]]);
  });

  it('fails as manager.query does: a QueryFailedError with the SQLSTATE, logged (class 22 maps to 422)', async () => {
    const driverError = Object.assign(new Error('invalid input syntax for type timestamp with time zone: "x"'), {
      code: '22007',
    });
    const { manager, logged } = fakeManager(async () => Promise.reject(driverError));
    const failure = preparedQuery(manager, 'SELECT $1::timestamptz', ['x']);
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failure).rejects.toMatchObject({ driverError: { code: '22007' } });
    expect(logged).toEqual([driverError]);
  });
});
