import { CreateIdentity1764500000000 } from './1764500000000-CreateIdentity';

export const identityMigrations = [CreateIdentity1764500000000];
