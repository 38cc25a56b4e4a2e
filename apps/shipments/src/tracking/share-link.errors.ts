import { NotFound } from '@lib/errors';

/** No such share link on this shipment. */
export class ShareLinkNotFound extends NotFound {
  constructor(id: string) {
    super(`share link ${id} not found`);
  }
}
