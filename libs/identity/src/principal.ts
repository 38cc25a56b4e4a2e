/** The roles of CONVENTIONS.md; each tenant has one, and its keys act with it. */
export const ROLES = ['shipper', 'carrier', 'customs_broker', 'customs_officer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as a verified API key says: the tenant, its role and the scope that role needs. */
export interface Principal {
  tenantId: string;
  tenantName: string;
  role: Role;
  keyId: string;
  /** Carriers: the carrier code they operate under (e.g. NLC, TCS). */
  carrierCode?: string;
  /** Customs officers: the border crossing or port they act at (e.g. Torkham). */
  crossing?: string;
  /** Customs brokers: the shipper tenants they act for. */
  actsFor: string[];
}

/** May this principal see data that belongs to `shipperId`? (Per-resource rules add carrier / crossing checks.) */
export function actsForShipper(principal: Principal, shipperId: string): boolean {
  return (
    principal.role === 'operator' ||
    (principal.role === 'shipper' && principal.tenantId === shipperId) ||
    (principal.role === 'customs_broker' && principal.actsFor.includes(shipperId))
  );
}
