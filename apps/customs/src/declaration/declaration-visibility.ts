import { actsForShipper, type Principal } from '@lib/identity';

/** The fields of a declaration that decide who may see it. */
export interface DeclarationOwnership {
  shipperId: string;
  crossing: string | null;
}

/**
 * Which declarations a principal may see, as the list's SQL filter takes it: an operator all; a
 * shipper its own and a broker the shippers it acts for; an officer its crossing's (none when the key
 * names no crossing: nothing rather than everything); anyone else none. Must agree with
 * `canSeeDeclaration` (the spec checks both on every role).
 */
export type DeclarationScope =
  | { kind: 'all' }
  | { kind: 'shippers'; shipperIds: string[] }
  | { kind: 'crossing'; crossing: string | null }
  | { kind: 'none' };

export function declarationScope(principal: Principal): DeclarationScope {
  switch (principal.role) {
    case 'operator':
      return { kind: 'all' };
    case 'shipper':
      return { kind: 'shippers', shipperIds: [principal.tenantId] };
    case 'customs_broker':
      return { kind: 'shippers', shipperIds: principal.actsFor };
    case 'customs_officer':
      return { kind: 'crossing', crossing: principal.crossing ?? null };
    default:
      return { kind: 'none' };
  }
}

/** An officer deciding at its own crossing (its key names the declaration's crossing). */
export function atOwnCrossing(principal: Principal, declaration: DeclarationOwnership): boolean {
  return principal.role === 'customs_officer' && declaration.crossing === principal.crossing;
}

/**
 * May this principal see (and, as far as its role allows, act on) the declaration? Anyone else gets
 * 404, as for a declaration that does not exist.
 */
export function canSeeDeclaration(principal: Principal, declaration: DeclarationOwnership): boolean {
  return actsForShipper(principal, declaration.shipperId) || atOwnCrossing(principal, declaration);
}
