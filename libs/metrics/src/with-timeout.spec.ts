import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('passes on the result of work that finishes in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 50, 'answer')).resolves.toBe(42);
  });

  it('passes on the failure of work that fails in time', async () => {
    await expect(withTimeout(Promise.reject(new Error('broker gone')), 50, 'answer')).rejects.toThrow('broker gone');
  });

  it('rejects, naming the work, when it takes too long', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'consumer lag')).rejects.toThrow(
      'consumer lag timed out after 20 ms',
    );
  });
});
