import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser } from '../helpers/browser.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const unavailable = browserUnavailable();
let server: TestServer;
let browser: Browser;
const temp = sharedTempDir();

beforeAll(async () => {
  if (unavailable) return;
  server = await startTestServer(temp.dir, { demo: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  if (unavailable) return;
  await browser.close();
  await server.close();
  temp.remove();
});

/** Opens a page and records every script error and every request that left the server. */
async function open(url: string): Promise<{ page: Page; errors: string[]; external: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A failed load is reported below with its URL; the console only repeats it without one.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) external.push(request.url());
  });
  await page.goto(url);
  return { page, errors, external };
}

describe.skipIf(unavailable !== undefined)(`the SPARQL editor in a browser${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('loads YASGUI from the server only, runs the starter query and shows its results', async () => {
    const { page, errors, external } = await open(server.endpoint);
    await page.locator('.yasqe .CodeMirror').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('.yasqe .CodeMirror').textContent()).toContain('crm:E22_Human-Made_Object');
    await page.locator('.yasqe_queryButton').click();
    const rows = page.locator('.yasr table tbody tr');
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.count()).toBeGreaterThanOrEqual(20);
    expect(await page.locator('.yasr').textContent()).toContain('localhost');
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  });

  it('opens a query given in the URL', async () => {
    const query = 'SELECT ?scheme WHERE { ?scheme a <http://www.w3.org/2004/02/skos/core#ConceptScheme> }';
    const { page, errors } = await open(`${server.endpoint}?query=${encodeURIComponent(query)}`);
    await page.locator('.yasqe .CodeMirror').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('.yasqe .CodeMirror').textContent()).toContain('ConceptScheme');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('completes without asking the internet: class and property completion (LOV) is off', async () => {
    const { page, errors, external } = await open(server.endpoint);
    await page.locator('.yasqe .CodeMirror').waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.yasqe .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nSELECT * WHERE { ?s a foaf:Per');
    await page.keyboard.press('Control+Space');
    await page.waitForTimeout(1500);
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
