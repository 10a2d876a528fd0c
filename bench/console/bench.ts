/**
 * The console (part of `npm run bench`): what a cadre waits for.
 * - The shell: the JavaScript (and, apart, the CSS) the first page needs (index.html's entry and the chunks it
 *   preloads), gzipped as served, against the 300 KB budget of issue 15.
 * - The household list of the seed town's ledger (1,144 households imported through the gateway):
 *   the time from opening /households in Chromium (signed in) until its rows are shown and the page's
 *   main thread is idle, against the baseline of the same shell opening a page that loads no data (the
 *   console's own 404 page) in the same browser, same run. Median of BENCH_CONSOLE_ROUNDS openings.
 *
 * Env knobs: BENCH_CONSOLE_HOUSEHOLDS (1144), BENCH_CONSOLE_ROUNDS (7).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { AppProcess, infra, uniqueRunId, waitFor } from '@lib/testing';
import { generateLedger } from '../households/ledger-fixture';
import { runBench } from '../shared/run-bench';

const root = path.resolve(__dirname, '../../..');
process.env.APPS_DIST_DIR ??= path.join(root, 'dist');
const envInt = (name: string, d: number) => Number(process.env[name] ?? d);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password-1' };
const BUDGET_KB = 300;

/** The gzipped size of what index.html makes the browser fetch before the first page can run. */
function shellSize(): { files: number; gzipKb: number; cssGzipKb: number } {
  const dir = path.join(root, 'dist/console');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const kb = (ext: string) =>
    refs
      .filter((f) => f.endsWith(ext))
      .reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, f))).length, 0) / 1024;
  return { files: refs.length, gzipKb: kb('.js'), cssGzipKb: kb('.css') };
}

/**
 * ms from navigation until `ready` holds (the page's content is shown) and the browser's main thread
 * has gone idle once after it (the page answers a click).
 */
async function timeToInteractive(page: Page, url: string, ready: () => Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await waitFor('the page to be ready', ready, { timeoutMs: 30_000, intervalMs: 10 }).catch(
    async (e: Error) => {
      const shown = await page
        .locator('body')
        .innerText()
        .catch(() => '');
      throw new Error(`${e.message} (the page shows: ${shown.slice(0, 400)})`);
    },
  );
  await page.evaluate('new Promise((r) => requestIdleCallback(r))');
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const shell = shellSize();
  console.log(
    `[console] shell: ${shell.files} files, JavaScript ${shell.gzipKb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB: ${(shell.gzipKb / BUDGET_KB).toFixed(2)}× of it), CSS ${shell.cssGzipKb.toFixed(1)} KB`,
  );

  const runId = uniqueRunId('consolebench');
  const env = (app: string) => ({
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${runId}.`,
    KAFKA_PARTITIONS: '1',
    MONGO_URL: infra.mongoUrl,
    MONGO_DB: `${runId}_${app}`,
    REDIS_URL: infra.redisUrl,
    LOG_LEVEL: 'warn',
  });
  const households = await AppProcess.create('households', runId, env('households'));
  await households.start();
  const gateway = await AppProcess.create('gateway', runId, {
    ...env('gateway'),
    GATEWAY_REDIS_PREFIX: `${runId}gw`,
    HOUSEHOLDS_URL: households.url,
    ...Object.fromEntries(
      ['MONITORING_URL', 'RULES_URL', 'SUPERVISION_URL', 'NOTIFIER_URL', 'PROJECTS_URL'].map((k) => [
        k,
        'http://127.0.0.1:1',
      ]),
    ),
    GATEWAY_ADMIN_USERNAME: ADMIN.username,
    GATEWAY_ADMIN_PASSWORD: ADMIN.password,
    GATEWAY_ADMIN_UNIT: '621299',
    GATEWAY_RATE_LIMIT_PER_MINUTE: '100000',
  });
  await gateway.start();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const login = await gateway.post<{ accessToken: string }>('/api/v1/auth/login', ADMIN, { token: null });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    const ledger = await generateLedger({
      households: envInt('BENCH_CONSOLE_HOUSEHOLDS', 1144),
      members: Math.round(envInt('BENCH_CONSOLE_HOUSEHOLDS', 1144) * 3.09),
      badRows: false,
    });
    const answer = await fetch(`${gateway.url}/api/v1/household-ledger/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.body.accessToken}`, 'content-type': XLSX },
      body: new Uint8Array(ledger.file),
    });
    const imported = (await answer.json()) as { households: { imported: number } };
    if (answer.status !== 200) throw new Error(`import: ${answer.status} ${JSON.stringify(imported)}`);
    const count = imported.households.imported;
    console.log(`[console] ledger imported through the gateway: ${count} households`);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${gateway.url}/login`);
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => u.pathname !== '/login');

    const rows = page.locator('.el-table__row');
    const listMs: number[] = [];
    const emptyMs: number[] = [];
    const rounds = envInt('BENCH_CONSOLE_ROUNDS', 7);
    for (let i = 0; i < rounds; i++) {
      emptyMs.push(
        await timeToInteractive(page, `${gateway.url}/no-such-page`, () =>
          page.getByRole('main').getByText('页面不存在').isVisible(),
        ),
      );
      listMs.push(
        await timeToInteractive(page, `${gateway.url}/households`, async () => (await rows.count()) > 0),
      );
    }
    // the API alone: the list's own request, as the page sends it
    const apiMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const res = await fetch(`${gateway.url}/api/v1/households?page=1&pageSize=20&view=summary`, {
        headers: { authorization: `Bearer ${login.body.accessToken}` },
      });
      await res.arrayBuffer();
      apiMs.push(performance.now() - t0);
    }
    const list = median(listMs);
    const empty = median(emptyMs);
    console.log(`[console] the list's API request alone: ${median(apiMs).toFixed(0)} ms`);
    console.log(
      `[console] household list of ${count} households interactive in ${list.toFixed(0)} ms ` +
        `(median of ${rounds}; aim < 1,000 ms) — ${(list / empty).toFixed(2)}× the shell opening a page with no data (${empty.toFixed(0)} ms)`,
    );
    if (shell.gzipKb > BUDGET_KB) throw new Error(`the shell is over its ${BUDGET_KB} KB budget`);
  } finally {
    await browser.close();
    await gateway.stop();
    await households.stop();
  }
}

runBench(main);
