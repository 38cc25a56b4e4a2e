import 'reflect-metadata';
import { parseEnv, baseEnvSchema } from '@lib/config';
import { dlqCommand } from './dlq/dlq.command';
import { keysCommand } from './keys/keys.command';
import { migrateAll } from './migrate.command';

/** The CLI's answer goes to stdout as plain lines (it is the command's output, not a log). */
const print = (line: string) => void process.stdout.write(`${line}\n`);

/** `npm run ops -- migrate`: apply every service's pending migrations (services also do it at start). */
async function migrateCommand(): Promise<void> {
  const env = parseEnv(baseEnvSchema);
  const applied = await migrateAll(env.DATABASE_URL);
  for (const [schema, names] of Object.entries(applied)) {
    print(`${schema}: ${names.length ? `applied ${names.join(', ')}` : 'up to date'}`);
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  migrate: migrateCommand,
  dlq: (args) => dlqCommand(args, print),
  keys: (args) => keysCommand(args, print),
};

const [command, ...args] = process.argv.slice(2);
const run = command ? commands[command] : undefined;
if (!run) {
  process.stderr.write(`usage: npm run ops -- <${Object.keys(commands).join('|')}> …\n`);
  process.exit(2);
}
run(args).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
