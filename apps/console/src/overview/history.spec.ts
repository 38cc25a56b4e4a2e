import { History } from './history';
import type { Sample } from './sample';

const sample = (at: number): Sample => ({ at, health: [], outbox: [] });

describe('History', () => {
  it('keeps the samples of the window, oldest first, dropping older ones as new ones come', () => {
    const history = new History(15 * 60_000);
    for (let minute = 0; minute <= 20; minute++) history.add(sample(minute * 60_000));
    expect(history.all().map((s) => s.at / 60_000)).toEqual([
      5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
    ]);
  });
});
