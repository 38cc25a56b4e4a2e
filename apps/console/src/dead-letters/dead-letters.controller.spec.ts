import { replayRequestOf } from './dead-letters.controller';

describe('replayRequestOf', () => {
  it('reads one ref, several, or all (on a topic or every one)', () => {
    expect(replayRequestOf({ ref: ' a.dlq:0:1 ' })).toEqual({ refs: ['a.dlq:0:1'] });
    expect(replayRequestOf({ ref: ['a.dlq:0:1', '', 'a.dlq:1:4'] })).toEqual({ refs: ['a.dlq:0:1', 'a.dlq:1:4'] });
    expect(replayRequestOf({ all: '1', topic: 'a.dlq' })).toEqual({ all: true, topic: 'a.dlq' });
    expect(replayRequestOf({ all: '1', topic: '' })).toEqual({ all: true, topic: undefined });
    expect(replayRequestOf(undefined)).toEqual({ refs: [] });
  });
});
