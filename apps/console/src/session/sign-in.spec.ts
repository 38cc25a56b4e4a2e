import { UnauthorizedException } from '@nestjs/common';
import type { Principal } from '@lib/identity';
import { authorizationFromForm, isSessionToken, newSessionToken, sessionTokenHash, signInOutcome } from './sign-in';

const principal = (role: Principal['role']): Principal => ({
  tenantId: 't-1',
  tenantName: 'Duty desk',
  role,
  keyId: 'key_0123456789abcdef',
  actsFor: [],
});

describe('authorizationFromForm', () => {
  const token = 'key_0123456789abcdef.' + 'a'.repeat(43);

  it.each([token, `Bearer ${token}`, `Authorization: Bearer ${token}`, `  authorization:bearer   ${token}\n`])(
    'takes %j as the key',
    (pasted) => {
      expect(authorizationFromForm(pasted)).toBe(`Bearer ${token}`);
    },
  );

  it.each(['', '   ', undefined, 42, ['x']])('has nothing to verify in %j', (pasted) => {
    expect(authorizationFromForm(pasted)).toBeUndefined();
  });
});

describe('signInOutcome', () => {
  it('signs an operator in', () => {
    expect(signInOutcome({ verified: true, keyId: 'key_0123456789abcdef', principal: principal('operator') })).toEqual({
      kind: 'operator',
      principal: principal('operator'),
    });
  });

  it.each(['shipper', 'carrier', 'customs_broker', 'customs_officer'] as const)(
    'refuses a valid %s key with 403, naming the role',
    (role) => {
      const outcome = signInOutcome({ verified: true, keyId: 'key_0123456789abcdef', principal: principal(role) });
      expect(outcome).toMatchObject({ kind: 'forbidden', status: 403 });
      expect(outcome.kind === 'forbidden' && outcome.message).toContain(role.replace('_', ' '));
    },
  );

  it('refuses a key that proves nothing with 401 and the reason', () => {
    const outcome = signInOutcome({ verified: false, error: new UnauthorizedException('API key revoked') });
    expect(outcome).toEqual({
      kind: 'refused',
      status: 401,
      message: 'That API key was not accepted: API key revoked.',
    });
  });

  it('asks for a key when none was given', () => {
    expect(signInOutcome(undefined)).toMatchObject({ kind: 'refused', status: 401 });
  });
});

describe('session tokens', () => {
  it('are 256 random bits, distinct, stored only as their SHA-256', () => {
    const a = newSessionToken();
    const b = newSessionToken();
    expect(a).not.toBe(b);
    expect(isSessionToken(a)).toBe(true);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(sessionTokenHash(a)).toHaveLength(32);
    expect(sessionTokenHash(a).equals(sessionTokenHash(a))).toBe(true);
    expect(sessionTokenHash(a).toString('base64url')).not.toBe(a);
  });

  it.each([undefined, '', 'short', 'x'.repeat(44), `${'a'.repeat(42)}=`])('rejects %j without a lookup', (value) => {
    expect(isSessionToken(value)).toBe(false);
  });
});
