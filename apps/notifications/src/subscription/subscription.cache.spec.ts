import { SubscriptionCache, type ActiveSubscription } from './subscription.cache';

const subscription = (id: string, shipperId = 'p-1'): ActiveSubscription => ({
  id,
  shipperId,
  channel: 'webhook',
  eventTypes: ['*'],
  url: `https://hooks.example.com/${id}`,
  email: null,
  language: 'en',
  secret: 'sealed',
  previousSecrets: [],
});

/** A loader that counts its calls and answers what `rows` holds at the time. */
function loader(rows: ActiveSubscription[]) {
  const calls = { n: 0 };
  return { calls, load: () => (calls.n++, Promise.resolve([...rows])) };
}

describe('SubscriptionCache', () => {
  it('keeps a shipper’s subscriptions while listening, until a change to them is heard', async () => {
    const cache = new SubscriptionCache();
    cache.listening(true);
    const rows = [subscription('a')];
    const { calls, load } = loader(rows);
    await expect(cache.get('p-1', load)).resolves.toEqual([subscription('a')]);
    await cache.get('p-1', load);
    expect(calls.n).toBe(1);

    rows.push(subscription('b'));
    cache.changed('p-1');
    await expect(cache.get('p-1', load)).resolves.toHaveLength(2);
    expect(calls.n).toBe(2);
    // Another shipper's change leaves this one held.
    cache.changed('p-2');
    await cache.get('p-1', load);
    expect(calls.n).toBe(2);
  });

  it('does not keep what a lookup read before a change was heard', async () => {
    const cache = new SubscriptionCache();
    cache.listening(true);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const stale = cache.get('p-1', async () => (await slow, [subscription('old')]));
    cache.changed('p-1'); // committed while the lookup was on its way
    release();
    await expect(stale).resolves.toEqual([subscription('old')]);
    const { calls, load } = loader([subscription('new')]);
    await expect(cache.get('p-1', load)).resolves.toEqual([subscription('new')]);
    expect(calls.n).toBe(1);
  });

  it('keeps nothing while not listening (changes go unheard); drops all when listening starts or stops', async () => {
    const cache = new SubscriptionCache();
    const { calls, load } = loader([subscription('a')]);
    await cache.get('p-1', load);
    await cache.get('p-1', load);
    expect(calls.n).toBe(2);

    cache.listening(true);
    await cache.get('p-1', load);
    expect(cache.size).toBe(1);
    cache.listening(false);
    expect(cache.size).toBe(0);
    await cache.get('p-1', load);
    expect(calls.n).toBe(4);

    // A lookup that began before listening started may have missed a change: not kept either.
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const before = cache.get('p-1', async () => (await slow, [subscription('a')]));
    cache.listening(true);
    release();
    await before;
    expect(cache.size).toBe(0);
  });

  it('holds at most its bound of shippers, dropping the least recently used', async () => {
    const cache = new SubscriptionCache(2);
    cache.listening(true);
    const { calls, load } = loader([]);
    await cache.get('p-1', load);
    await cache.get('p-2', load);
    await cache.get('p-1', load); // p-1 used again: p-2 is now the oldest
    await cache.get('p-3', load);
    expect(cache.size).toBe(2);
    expect(calls.n).toBe(3);
    await cache.get('p-1', load);
    expect(calls.n).toBe(3);
    await cache.get('p-2', load);
    expect(calls.n).toBe(4);
  });
});
