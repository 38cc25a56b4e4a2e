import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashSecret, newKeyId, newSecret } from './api-key-format';
import type { Principal, Role } from './principal';

export interface NewTenant {
  id?: string;
  name: string;
  role: Role;
  carrierCode?: string;
  crossing?: string;
  actsFor?: string[];
}

export interface IssuedKey {
  keyId: string;
  tenantId: string;
  /** The whole bearer token; shown once, never stored. */
  token: string;
}

export interface KeyRecord {
  keyId: string;
  tenantId: string;
  tenantName: string;
  role: Role;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A row of the key listing: the key with its tenant's name and role. */
interface KeyListRow {
  id: string;
  tenant_id: string;
  name: string;
  role: Role;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

interface KeyRow {
  id: string;
  secret_hash: Buffer;
  revoked_at: Date | null;
  tenant_id: string;
  name: string;
  role: Role;
  carrier_code: string | null;
  crossing: string | null;
  acts_for: string[];
}

/** Tenants and API keys in the `identity` schema: the only code that reads or writes it. */
export class IdentityStore {
  constructor(private readonly dataSource: DataSource) {}

  async createTenant(tenant: NewTenant): Promise<string> {
    const id = tenant.id ?? `${tenant.role.replace('_', '-')}-${randomBytes(4).toString('hex')}`;
    await this.dataSource.query(
      `INSERT INTO identity.tenants (id, name, role, carrier_code, crossing, acts_for) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, tenant.name, tenant.role, tenant.carrierCode ?? null, tenant.crossing ?? null, tenant.actsFor ?? []],
    );
    return id;
  }

  async issueKey(tenantId: string, label?: string): Promise<IssuedKey> {
    const keyId = newKeyId();
    const secret = newSecret();
    await this.dataSource.query(
      `INSERT INTO identity.api_keys (id, tenant_id, secret_hash, label) VALUES ($1, $2, $3, $4)`,
      [keyId, tenantId, hashSecret(secret), label ?? null],
    );
    return { keyId, tenantId, token: `${keyId}.${secret}` };
  }

  /** Revokes a key; true if it existed and was active. */
  async revoke(keyId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH revoked AS (
         UPDATE identity.api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id
       ) SELECT id FROM revoked`,
      [keyId],
    );
    return rows.length === 1;
  }

  async listKeys(tenantId?: string): Promise<KeyRecord[]> {
    const rows: KeyListRow[] = await this.dataSource.query(
      `SELECT k.id, k.tenant_id, t.name, t.role, k.label, k.created_at, k.revoked_at
         FROM identity.api_keys k JOIN identity.tenants t ON t.id = k.tenant_id
        WHERE $1::text IS NULL OR k.tenant_id = $1 ORDER BY k.created_at`,
      [tenantId ?? null],
    );
    return rows.map((r) => ({
      keyId: r.id,
      tenantId: r.tenant_id,
      tenantName: r.name,
      role: r.role,
      label: r.label,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }));
  }

  /** The key's row with its tenant, revoked or not; undefined if there is no such key. */
  async findKey(keyId: string): Promise<{ secretHash: Buffer; revoked: boolean; principal: Principal } | undefined> {
    const [row]: KeyRow[] = await this.dataSource.query(
      `SELECT k.id, k.secret_hash, k.revoked_at,
              t.id AS tenant_id, t.name, t.role, t.carrier_code, t.crossing, t.acts_for
         FROM identity.api_keys k JOIN identity.tenants t ON t.id = k.tenant_id WHERE k.id = $1`,
      [keyId],
    );
    if (!row) return undefined;
    return {
      secretHash: row.secret_hash,
      revoked: row.revoked_at !== null,
      principal: {
        tenantId: row.tenant_id,
        tenantName: row.name,
        role: row.role,
        keyId: row.id,
        carrierCode: row.carrier_code ?? undefined,
        crossing: row.crossing ?? undefined,
        actsFor: row.acts_for,
      },
    };
  }
}
