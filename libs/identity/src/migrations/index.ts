import { CreateIdentity1764500000000 } from './1764500000000-CreateIdentity';
import { NotifyKeyChanges1766400000000 } from './1766400000000-NotifyKeyChanges';

export const identityMigrations = [CreateIdentity1764500000000, NotifyKeyChanges1766400000000];
