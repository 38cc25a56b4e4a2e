import { PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * The access log's logger: a child of the one application logger (same destination, level, base
 * fields and trace mixin) with `context: "HTTP"`, written to through pino directly rather than Nest's
 * Logger. Its lines have a fixed shape that holds no secret (a key id, never the secret), so they skip
 * the redaction pass, which costs more than the rest of writing a line (wildcard paths are looked for
 * in every line). Call it once the app exists (LoggingModule has made the logger).
 */
export function accessLogger(): Logger {
  const root = PinoLogger.root;
  if (!root) throw new Error('the application logger is not set up yet (LoggingModule)');
  return root.child({ context: 'HTTP' }, { redact: [] });
}
