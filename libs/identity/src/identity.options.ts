export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

export interface IdentityOptions {
  databaseUrl: string;
  /** How long a verified key is trusted without asking Postgres again; at most 30 s (CONVENTIONS.md). */
  cacheTtlMs: number;
}
