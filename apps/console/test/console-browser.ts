import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { ConsoleStack } from './console-stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the browser specs save the screenshots the README shows. */
export const SCREENSHOTS = join(__dirname, '../../../docs/screenshots');

/**
 * The console's stack and Debian's Chromium (driven by playwright-core; Playwright's own browser
 * download cannot work here), started together. When either fails, the other is closed before the
 * error is thrown: a browser left running keeps jest from exiting.
 */
export async function startWithBrowser(
  start: () => Promise<ConsoleStack>,
): Promise<{ system: ConsoleStack; browser: Browser }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: ` +
        `install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH`,
    );
  }
  const [started, launched] = await Promise.allSettled([
    start(),
    chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    }),
  ]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    if (launched.status === 'fulfilled') await launched.value.close();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return { system: started.value, browser: launched.value };
}
