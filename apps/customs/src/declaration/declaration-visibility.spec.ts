import { ROLES, type Principal } from '@lib/identity';
import {
  atOwnCrossing,
  canSeeDeclaration,
  declarationScope,
  type DeclarationOwnership,
  type DeclarationScope,
} from './declaration-visibility';

const principal = (overrides: Partial<Principal>): Principal => ({
  tenantId: 'tenant-x',
  tenantName: 'X',
  role: 'shipper',
  keyId: 'key-x',
  actsFor: [],
  ...overrides,
});

const kinnowAtTorkham: DeclarationOwnership = { shipperId: 'sargodha-citrus', crossing: 'Torkham' };
const flourAtKhunjerab: DeclarationOwnership = { shipperId: 'lahore-mills', crossing: 'Khunjerab' };
const noCrossing: DeclarationOwnership = { shipperId: 'sargodha-citrus', crossing: null };

/** The scope applied in memory, as the list's SQL applies it (NULL matches nothing). */
function inScope(scope: DeclarationScope, declaration: DeclarationOwnership): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'shippers':
      return scope.shipperIds.includes(declaration.shipperId);
    case 'crossing':
      return scope.crossing !== null && declaration.crossing === scope.crossing;
    case 'none':
      return false;
  }
}

describe('who may see a declaration', () => {
  it('shows a shipper its own declarations only', () => {
    const shipper = principal({ role: 'shipper', tenantId: 'sargodha-citrus' });
    expect(canSeeDeclaration(shipper, kinnowAtTorkham)).toBe(true);
    expect(canSeeDeclaration(shipper, flourAtKhunjerab)).toBe(false);
  });

  it('shows a broker the declarations of the shippers it acts for', () => {
    const broker = principal({ role: 'customs_broker', tenantId: 'broker', actsFor: ['lahore-mills'] });
    expect(canSeeDeclaration(broker, flourAtKhunjerab)).toBe(true);
    expect(canSeeDeclaration(broker, kinnowAtTorkham)).toBe(false);
    expect(canSeeDeclaration(principal({ role: 'customs_broker', actsFor: [] }), flourAtKhunjerab)).toBe(false);
  });

  it('shows an officer the declarations at its own crossing, whoever the shipper', () => {
    const officer = principal({ role: 'customs_officer', crossing: 'Torkham' });
    expect(atOwnCrossing(officer, kinnowAtTorkham)).toBe(true);
    expect(canSeeDeclaration(officer, kinnowAtTorkham)).toBe(true);
    expect(atOwnCrossing(officer, flourAtKhunjerab)).toBe(false);
    expect(canSeeDeclaration(officer, flourAtKhunjerab)).toBe(false);
    // An officer whose key names no crossing sees nothing, not everything.
    const nowhere = principal({ role: 'customs_officer' });
    expect([kinnowAtTorkham, flourAtKhunjerab, noCrossing].some((d) => canSeeDeclaration(nowhere, d))).toBe(false);
  });

  it('shows an operator everything and a carrier nothing', () => {
    for (const d of [kinnowAtTorkham, flourAtKhunjerab, noCrossing]) {
      expect(canSeeDeclaration(principal({ role: 'operator' }), d)).toBe(true);
      expect(canSeeDeclaration(principal({ role: 'carrier', tenantId: d.shipperId, crossing: 'Torkham' }), d)).toBe(
        false,
      );
    }
  });

  it('does not count a shipper or broker as being at a crossing', () => {
    expect(atOwnCrossing(principal({ role: 'operator', crossing: 'Torkham' }), kinnowAtTorkham)).toBe(false);
    expect(atOwnCrossing(principal({ role: 'customs_broker', crossing: 'Torkham' }), kinnowAtTorkham)).toBe(false);
  });
});

describe('the list filter (declarationScope)', () => {
  it('scopes each role as the list query filters it', () => {
    expect(declarationScope(principal({ role: 'operator' }))).toEqual({ kind: 'all' });
    expect(declarationScope(principal({ role: 'shipper', tenantId: 's-1' }))).toEqual({
      kind: 'shippers',
      shipperIds: ['s-1'],
    });
    expect(declarationScope(principal({ role: 'customs_broker', actsFor: ['s-1', 's-2'] }))).toEqual({
      kind: 'shippers',
      shipperIds: ['s-1', 's-2'],
    });
    expect(declarationScope(principal({ role: 'customs_officer', crossing: 'Torkham' }))).toEqual({
      kind: 'crossing',
      crossing: 'Torkham',
    });
    expect(declarationScope(principal({ role: 'customs_officer' }))).toEqual({ kind: 'crossing', crossing: null });
    expect(declarationScope(principal({ role: 'carrier' }))).toEqual({ kind: 'none' });
  });

  it('agrees with canSeeDeclaration for every role: the list shows exactly what one declaration would', () => {
    const declarations = [kinnowAtTorkham, flourAtKhunjerab, noCrossing];
    for (const role of ROLES) {
      for (const crossing of ['Torkham', undefined]) {
        const caller = principal({ role, tenantId: 'sargodha-citrus', crossing, actsFor: ['lahore-mills'] });
        const scope = declarationScope(caller);
        for (const declaration of declarations) {
          expect({ role, crossing, declaration, sees: inScope(scope, declaration) }).toEqual({
            role,
            crossing,
            declaration,
            sees: canSeeDeclaration(caller, declaration),
          });
        }
      }
    }
  });
});
