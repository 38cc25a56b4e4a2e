import { CreateCustomsSchema1764300000000 } from './1764300000000-CreateCustomsSchema';

/** In order; listed by class so the same list works from ts (tests) and from dist. */
export const migrations = [CreateCustomsSchema1764300000000];
