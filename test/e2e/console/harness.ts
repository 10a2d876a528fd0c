import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { Permissions, type Permission } from '@lib/contracts';
import { ALL_APPS, AppName, AppProcess, repoRoot, waitFor } from '@lib/testing';
import { DEMO_USERS } from '../../../scripts/demo/seed-users';
import { GATEWAY_ADMIN, Platform } from '../platform';

/**
 * The browser suite's harness: the whole platform from this checkout's dist/ (libs/testing, as
 * test/e2e/platform.ts), one user per role created through the gateway, Debian's Chromium driven by
 * playwright-core, and helpers to work the console as a person would (sign in, open a menu, fill a
 * form, confirm a dialog), recording every console error and failed request on the way.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type ConsoleRole =
  | 'county-admin'
  | 'town-official'
  | 'village-cadre'
  | 'work-team-member'
  | 'first-secretary'
  | 'paired-cadre'
  | 'inspector'
  | 'auditor';

export interface Account {
  role: ConsoleRole;
  title: string;
  username: string;
  password: string;
}

/** The county administrator (the gateway's bootstrap user) and the demo users of every other role. */
export const ACCOUNTS: Account[] = [
  {
    role: 'county-admin',
    title: '县级管理员',
    username: GATEWAY_ADMIN.username,
    password: GATEWAY_ADMIN.password,
  },
  ...DEMO_USERS.map((u) => ({
    role: u.roles[0].role as ConsoleRole,
    title: u.title,
    username: u.username,
    password: u.password,
  })),
];

const APPS: AppName[] = [...ALL_APPS];

export const SIZES = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type Size = keyof typeof SIZES;

/** A page of the console as the router lists it (apps/console/src/router: window.__ffpRoutes). */
export interface RouteInfo {
  area: string;
  path: string;
  title?: string;
  permission?: Permission;
  anyOf?: Permission[];
  menu: boolean;
  crawl: boolean;
}

/** May `role` open the page (the same rule as the console's guard, from libs/auth's role table)? */
export function mayOpen(role: ConsoleRole, r: RouteInfo): boolean {
  const has = (p: Permission) => (Permissions[p] as readonly string[]).includes(role);
  return (!r.permission || has(r.permission)) && (!r.anyOf || r.anyOf.some(has));
}

/** One signed-in browser tab, with what went wrong in it since the last `takeProblems()`. */
export class ConsolePage {
  private inflight = 0;
  private lastActivity = Date.now();
  private problems: string[] = [];

  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly account: Account,
    readonly size: Size,
    readonly baseUrl: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`uncaught: ${e.message}`));
    page.on('request', () => {
      this.inflight++;
      this.lastActivity = Date.now();
    });
    const done = () => {
      this.inflight--;
      this.lastActivity = Date.now();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', (r) => {
      done();
      this.problems.push(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) this.problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
  }

  get isPhone() {
    return this.size === 'phone';
  }

  /** Console errors, failed requests and 4xx/5xx answers since the last call. */
  takeProblems(): string[] {
    const p = this.problems;
    this.problems = [];
    return p;
  }

  /** Until no request is in flight for 300 ms and no loading mask is shown. */
  async settled(timeoutMs = 60_000) {
    await waitFor(
      `${this.page.url()} to settle`,
      async () =>
        this.inflight <= 0 &&
        Date.now() - this.lastActivity > 300 &&
        !(await this.page.evaluate<boolean>(
          "[...document.querySelectorAll('.el-loading-mask')].some((m) => m.offsetParent !== null)",
        )),
      { timeoutMs, intervalMs: 100 },
    );
  }

  /** Opens a console path inside the running application (the router's own navigation, no reload). */
  async go(pathAndQuery: string) {
    await this.page.evaluate(
      `history.pushState(null, '', ${JSON.stringify(pathAndQuery)});
       dispatchEvent(new PopStateEvent('popstate', { state: null }))`,
    );
    await this.settled();
  }

  path(): string {
    return new URL(this.page.url()).pathname;
  }

  /** The router's list of pages, from the built application. */
  routes(): Promise<RouteInfo[]> {
    return this.page.evaluate<RouteInfo[]>('window.__ffpRoutes');
  }

  /** Clicks a menu entry by its title (opening the phone's drawer or the area's sub-menu as needed). */
  async openMenu(title: string) {
    if (this.isPhone) await this.page.getByRole('button', { name: '打开菜单' }).click();
    const nav = this.page.getByRole('navigation', { name: '主菜单' });
    // a menu entry (li.el-menu-item), not an area's sub-menu title of the same name (帮扶对象 › 帮扶对象)
    const entry = (text: string) => {
      const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return nav.locator('li.el-menu-item').filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) });
    };
    let item = entry(title);
    if (!this.isPhone && !(await item.isVisible())) {
      const area = (await this.routes()).find((r) => r.title === title)?.area;
      // an area with one page is one entry named after the area; else its sub-menu opens
      if (area && (await entry(area).isVisible())) item = entry(area);
      else if (area) await nav.locator('.el-sub-menu__title', { hasText: area }).first().click();
    }
    await item.click();
    await this.settled();
  }

  /**
   * Fills a form by its labels: a string is typed into the input; { select } picks that option of a
   * select, { tree } that unit of a tree select.
   */
  async fillForm(fields: Record<string, string | { select: string } | { tree: string }>, scope?: string) {
    const root = scope ? this.page.locator(scope) : this.page;
    for (const [label, value] of Object.entries(fields)) {
      const input = root.getByLabel(label, { exact: true });
      if (typeof value === 'string') {
        await input.fill(value);
        continue;
      }
      await this.openSelect(label, root);
      const text = 'select' in value ? value.select : value.tree;
      const popper = this.page.locator('.el-popper:visible');
      await popper.getByText(text, { exact: true }).first().click();
    }
  }

  /**
   * Opens the select labelled `label` (its input is labelled; so is its option list once opened, and
   * its placeholder lies over the input: the click goes to the select's box).
   */
  async openSelect(label: string, root: Page | Locator = this.page) {
    // (the inner locator of `has` is matched inside the wrapper: built from the page, not from `root`)
    const input = this.page.getByRole('combobox', { name: label, exact: true });
    await root.locator('.el-select__wrapper', { has: input }).click();
  }

  /** Picks `option` in the select labelled `label`. */
  async choose(label: string, option: string) {
    await this.openSelect(label);
    await this.page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
    await this.settled();
  }

  /** Confirms the open ElMessageBox with its button (default 确定). */
  async confirmDialog(button = '确定') {
    await this.page.locator('.el-message-box').getByRole('button', { name: button }).click();
    await this.settled();
  }

  async close() {
    await this.context.close();
  }
}

/** The platform with every app, the users of every role, and a browser. */
export class ConsoleSuite {
  readonly platform = new Platform();
  browser!: Browser;
  adminToken = '';

  get baseUrl() {
    return this.platform.apps.gateway.url;
  }

  /** `demoTown`: also load the demo town (households, surveys, projects, work teams) through the gateway. */
  async start({ demoTown = false } = {}) {
    if (!fs.existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: bash scripts/ensure-browser.sh installs Chromium (npm test does)`,
      );
    // one app after the other (the gateway last: its environment names the others' addresses), so that
    // seven Nest apps do not compete for the CPU at once
    const p = this.platform;
    await p.sink.start();
    // a shared, busy machine: the demo town's check-in batches may take longer than the default 15 s
    const env = (name: AppName) => ({
      ...p.envOf(name),
      ...(name === 'gateway' ? { PROXY_TIMEOUT_MS: '60000' } : {}),
    });
    for (const name of APPS) p.apps[name] = await AppProcess.create(name, p.runId, env(name));
    for (const name of APPS) await p.apps[name].start();
    const gw = this.platform.apps.gateway;
    const login = await gw.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    if (login.status !== 200) throw new Error(`admin login: ${login.status} ${JSON.stringify(login.body)}`);
    this.adminToken = login.body.accessToken;
    // the demo's org units (the console names every unit it shows), then one user per role
    await this.runScript('seed-org-units.js');
    await this.runScript('seed-users.js');
    if (demoTown) await this.runScript('seed-demo-town.js');
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    return this;
  }

  /** Runs a demo loader (dist/scripts/demo/<name>) against this run's gateway as its administrator. */
  async runScript(name: string): Promise<{ stdout: string; stderr: string }> {
    return promisify(execFile)(process.execPath, [path.join(repoRoot, 'dist/scripts/demo', name)], {
      cwd: repoRoot,
      env: {
        ...process.env,
        GATEWAY_URL: this.baseUrl,
        GATEWAY_ADMIN_USERNAME: GATEWAY_ADMIN.username,
        GATEWAY_ADMIN_PASSWORD: GATEWAY_ADMIN.password,
        // the 60-household demo town: the crawl needs records on every page, not the seed's 1,144 households
        DEMO_TOWN_SIZE: 'small',
      },
      timeout: 600_000,
    });
  }

  account(role: ConsoleRole): Account {
    const a = ACCOUNTS.find((x) => x.role === role);
    if (!a) throw new Error(`no account for ${role}`);
    return a;
  }

  /** The sign-in page in a fresh browser context of `size` (signed in as nobody yet). */
  async open(size: Size = 'desktop', role: ConsoleRole = 'county-admin'): Promise<ConsolePage> {
    const context = await this.browser.newContext({ viewport: SIZES[size], locale: 'zh-CN' });
    const page = await context.newPage();
    // a shared 2-core machine running seven apps: a step may wait longer than playwright's 30 s
    page.setDefaultTimeout(90_000);
    const cp = new ConsolePage(page, context, this.account(role), size, this.baseUrl);
    await page.goto(`${this.baseUrl}/login`);
    await cp.settled();
    return cp;
  }

  /** Signs in through the login page as `role`, in a fresh browser context of `size`. */
  async signIn(role: ConsoleRole, size: Size = 'desktop'): Promise<ConsolePage> {
    const cp = await this.open(size, role);
    const page = cp.page;
    await page.getByLabel('用户名').fill(cp.account.username);
    await page.getByLabel('密码').fill(cp.account.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => u.pathname !== '/login');
    await cp.settled();
    return cp;
  }

  async stop() {
    await this.browser?.close();
    await this.platform.stop();
  }
}
