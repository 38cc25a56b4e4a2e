import { MalformedEventError } from '../cloud-events';

/** Thrown by a handler when retrying cannot help (the event contradicts the rules): dead-lettered at once. */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}

export function isPermanent(error: unknown): boolean {
  return error instanceof PermanentEventError || error instanceof MalformedEventError;
}
