import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs; playwright-core never downloads a browser of its own. */
export const CHROMIUM = process.env.CULTUURGRAAF_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Why browser tests cannot run here, or undefined when they can. Where CI sets
 * CULTUURGRAAF_REQUIRE_BROWSER, a missing browser fails the run instead of skipping.
 */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `Chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run does)`;
  if (process.env.CULTUURGRAAF_REQUIRE_BROWSER) throw new Error(reason);
  return reason;
}

/** Headless Chromium with the flags a closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}
