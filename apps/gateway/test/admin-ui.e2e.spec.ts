import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, TEST_ADMIN_TOKEN, type TestGateway } from './support/test-gateway.js';

const UI_DIST = fileURLToPath(new URL('../../admin-ui/dist/', import.meta.url));

/**
 * The admin UI in a real browser (Debian's Chromium; Playwright gives it a fresh profile and
 * headless mode), served by the gateway's admin port.
 */
describe('admin UI in Chromium', () => {
  let db: TestDatabase;
  let gateway: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(join(UI_DIST, 'index.html'))) throw new Error(`${UI_DIST} is missing: build the admin UI first (npm run build)`);
    db = await createTestDatabase();
    gateway = await startTestGateway(db.url, { ADMIN_UI_DIR: UI_DIST });
    await gateway.putConfig({ Routes: [route('/values', '/api/values', 5000, { UpstreamHttpMethod: ['Get'] })] });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await db?.drop();
  });

  it('loads, refuses a wrong token, signs in and lists the routes', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${gateway.adminUrl}/`);
    await expect(page.getByRole('heading', { name: 'Margay admin' }).isVisible()).resolves.toBe(true);

    await page.getByLabel('Admin token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('401');

    await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('cell', { name: '/values', exact: true }).waitFor();
    expect(await page.getByTestId('status-revision').textContent()).toMatch(/\d+/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
