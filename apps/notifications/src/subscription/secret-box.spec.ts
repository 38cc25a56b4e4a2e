import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32).toString('base64'));

  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const sealed = box.seal('whsec_c2VjcmV0');
    expect(sealed).not.toContain('c2VjcmV0');
    expect(box.open(sealed)).toBe('whsec_c2VjcmV0');
  });

  it('refuses a tampered or foreign seal', () => {
    const [v, iv, tag, data] = box.seal('whsec_c2VjcmV0').split('.');
    expect(() => box.open([v, iv, tag, Buffer.from('x' + data).toString('base64')].join('.'))).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(box.seal('whsec_x'))).toThrow();
  });

  it('wants a 256-bit key', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow('32 bytes');
  });
});
