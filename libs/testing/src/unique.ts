import { randomBytes } from 'node:crypto';

/** A name no other test or run uses: safe for databases, topics, queue prefixes (no `:`). */
export function uniqueName(label: string): string {
  return `${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
}
