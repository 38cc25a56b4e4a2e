import { NotFound } from '@lib/errors';

/** No notification by that id, or not one of the caller's shippers' (the same answer, on purpose). */
export class NotificationNotFound extends NotFound {
  constructor(id: string) {
    super(`notification ${id} not found`);
  }
}
