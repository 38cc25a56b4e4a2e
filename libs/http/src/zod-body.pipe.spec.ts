import { z } from 'zod';
import { ValidationProblem } from './problem';
import { ZodBody } from './zod-body.pipe';

const errorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationProblem);
    return (error as ValidationProblem).errors;
  }
  throw new Error('expected a 422');
};

describe('ZodBody', () => {
  const schema = z.object({
    consignee: z.string().optional(),
    legs: z.array(z.object({ carrier: z.string() })).optional(),
    limit: z.coerce.number().max(10).optional(),
  });

  it('refuses NUL and unpaired surrogates in any field, even one the schema only types as a string', () => {
    expect(
      errorsOf(() => new ZodBody(schema).transform({ consignee: 'Almaty\u0000', legs: [{ carrier: '\uD800' }] })),
    ).toEqual([
      { field: 'consignee', reason: expect.stringContaining('NUL') },
      { field: 'legs[0].carrier', reason: expect.stringContaining('unpaired') },
    ]);
  });

  it('reports text and schema problems together', () => {
    expect(errorsOf(() => new ZodBody(schema).transform({ consignee: 'x\u0000', limit: '99' }))).toEqual([
      { field: 'consignee', reason: expect.stringContaining('NUL') },
      { field: 'limit', reason: expect.any(String) },
    ]);
  });

  it('passes good input through, emoji included', () => {
    expect(new ZodBody(schema).transform({ consignee: 'Almaty 🍊', limit: '3' })).toEqual({
      consignee: 'Almaty 🍊',
      limit: 3,
    });
  });

  it('leaves the text to the items when told they are validated one by one', () => {
    const envelope = z.object({ events: z.array(z.unknown()) });
    expect(new ZodBody(envelope, { checkText: false }).transform({ events: [{ eventId: '\u0000' }] })).toEqual({
      events: [{ eventId: '\u0000' }],
    });
  });
});
