import 'reflect-metadata';
import { parseEnv, baseEnvSchema } from '@lib/config';
import { dlqCommand } from './dlq/dlq.command';
import { keysCommand } from './keys/keys.command';
import { migrateAll } from './migrate.command';

/** `npm run ops -- migrate`: apply every service's pending migrations (services also do it at start). */
async function migrateCommand(): Promise<void> {
  const env = parseEnv(baseEnvSchema);
  const applied = await migrateAll(env.DATABASE_URL);
  for (const [schema, names] of Object.entries(applied)) {
    console.log(`${schema}: ${names.length ? `applied ${names.join(', ')}` : 'up to date'}`);
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  migrate: migrateCommand,
  dlq: (args) => dlqCommand(args),
  keys: (args) => keysCommand(args),
};

const [command, ...args] = process.argv.slice(2);
const run = command ? commands[command] : undefined;
if (!run) {
  console.error(`usage: npm run ops -- <${Object.keys(commands).join('|')}> …`);
  process.exit(2);
}
run(args).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
