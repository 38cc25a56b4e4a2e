import { Conflict, DomainError, InvalidInput, NotFound } from './domain-error';

describe('domain errors', () => {
  it('carry a code, a message and facts, and know their kind', () => {
    const conflict = new Conflict('OVERRIDE_OVERLAPS', 'Torkham already has an override', { overrideId: 'o-1' });
    expect(conflict).toBeInstanceOf(DomainError);
    expect(conflict).toMatchObject({
      kind: 'conflict',
      code: 'OVERRIDE_OVERLAPS',
      message: 'Torkham already has an override',
      facts: { overrideId: 'o-1' },
      name: 'Conflict',
    });
    expect(new NotFound('crossing atlantis not found')).toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
  });

  it('say every refused field in the message of invalid input', () => {
    const invalid = new InvalidInput(
      [
        { field: 'until', reason: 'must be after now' },
        { field: 'from', reason: 'too early' },
      ],
      { alternatives: ['trans-afghan'] },
    );
    expect(invalid).toMatchObject({
      kind: 'invalid',
      code: 'INVALID_INPUT',
      message: 'until: must be after now; from: too early',
      facts: { alternatives: ['trans-afghan'] },
    });
  });

  it('name subclasses by their own class', () => {
    class OverrideLifted extends Conflict {
      constructor() {
        super('OVERRIDE_LIFTED', 'already lifted');
      }
    }
    expect(new OverrideLifted().name).toBe('OverrideLifted');
  });
});
