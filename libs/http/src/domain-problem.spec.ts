import { Conflict, Forbidden, InvalidInput, NotFound } from '@lib/errors';
import { domainProblem } from './domain-problem';

const base = { type: 'about:blank', title: 'Error', status: 500, instance: '/v1/x' };

describe('domain errors as problem+json', () => {
  it('maps a conflict to 409 with its code, message and facts', () => {
    expect(domainProblem(new Conflict('OVERRIDE_OVERLAPS', 'lift it first', { overrideId: 'o-1' }), base)).toEqual({
      ...base,
      status: 409,
      code: 'OVERRIDE_OVERLAPS',
      detail: 'lift it first',
      overrideId: 'o-1',
    });
  });

  it('maps invalid input to 422 with every field and its reason, and its facts as extension members', () => {
    const problem = domainProblem(
      new InvalidInput([{ field: 'corridor', reason: 'closed' }], { alternatives: ['trans-afghan'] }),
      base,
    );
    expect(problem).toEqual({
      ...base,
      status: 422,
      errors: [{ field: 'corridor', reason: 'closed' }],
      alternatives: ['trans-afghan'],
    });
  });

  it('maps not found to 404 and forbidden to 403', () => {
    expect(domainProblem(new NotFound('shipment x not found'), base)).toEqual({
      ...base,
      status: 404,
      detail: 'shipment x not found',
    });
    expect(
      domainProblem(new Forbidden('NOT_YOUR_CROSSING', 'officers decide at their own crossing'), base),
    ).toMatchObject({ status: 403, code: 'NOT_YOUR_CROSSING' });
    expect(domainProblem(new NotFound('the shipment has no leg 4', 'LEG_NOT_FOUND'), base)).toMatchObject({
      status: 404,
      code: 'LEG_NOT_FOUND',
      detail: 'the shipment has no leg 4',
    });
  });
});
