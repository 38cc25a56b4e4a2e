import { CreateConsoleSchema1766000000000 } from './1766000000000-CreateConsoleSchema';
import { CreateSessions1766000001000 } from './1766000001000-CreateSessions';
import { CreateReplayAudit1766000002000 } from './1766000002000-CreateReplayAudit';

/** In order; listed by class so the same list works from ts (tests) and from dist. */
export const migrations = [
  CreateConsoleSchema1766000000000,
  CreateSessions1766000001000,
  CreateReplayAudit1766000002000,
];
