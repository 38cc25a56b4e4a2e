/**
 * A statement's parameters, collected while its text is built: parts written by different modules
 * (a feature's rows, the outbox's events, follow-ups) combine into one statement — a CTE, one round
 * trip — without renumbering each other's `$n`.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** The placeholder for `value`, with a cast when given (`add(ids, 'uuid[]')` → `$3::uuid[]`). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}
