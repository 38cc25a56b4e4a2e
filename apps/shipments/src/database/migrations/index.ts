import { CreateShipmentsSchema1764300000000 } from './1764300000000-CreateShipmentsSchema';

/** In order; listed by class so the same list works from ts (tests) and from dist. */
export const migrations = [CreateShipmentsSchema1764300000000];
