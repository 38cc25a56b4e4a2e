import { CreateNotificationsSchema1764300000000 } from './1764300000000-CreateNotificationsSchema';

/** In order; listed by class so the same list works from ts (tests) and from dist. */
export const migrations = [CreateNotificationsSchema1764300000000];
