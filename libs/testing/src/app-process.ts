import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { repoRoot } from './infra';
import { devToken } from './tokens';
import { waitFor } from './wait-for';

/** Every app of the platform, the gateway last: a spec about "every app" takes this list, never its own. */
export const ALL_APPS = [
  'households',
  'monitoring',
  'rules',
  'notifier',
  'supervision',
  'projects',
  'requests',
  'gateway',
] as const;
export type AppName = (typeof ALL_APPS)[number];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RequestOptions {
  /** The bearer token; default: a service token signed with the dev key; null: none. */
  token?: string | null;
  headers?: Record<string, string>;
}

/**
 * One app as its own OS process, from the built output (dist/), as it runs in production.
 * Logs go to .local/logs/test/<run>-<app>.log. Requests carry a service token unless told otherwise.
 */
export class AppProcess {
  private child: ChildProcess | null = null;
  readonly url: string;
  readonly logFile: string;

  constructor(
    readonly name: AppName,
    readonly port: number,
    private readonly env: Record<string, string>,
    runId: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    const dir = path.join(repoRoot, '.local', 'logs', 'test');
    fs.mkdirSync(dir, { recursive: true });
    this.logFile = path.join(dir, `${runId}-${name}.log`);
  }

  static async create(name: AppName, runId: string, env: Record<string, string>): Promise<AppProcess> {
    return new AppProcess(name, await freePort(), env, runId);
  }

  async start(): Promise<this> {
    const main = path.join(
      process.env.APPS_DIST_DIR ?? path.join(repoRoot, 'dist'),
      'apps',
      this.name,
      'src',
      'main.js',
    );
    if (!fs.existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
    const log = fs.openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, [main], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        ...this.env,
      },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    const child = this.child;
    let stopWaiting = false;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => {
        stopWaiting = true;
        reject(new Error(`${this.name} exited with ${code ?? signal} before it was ready`));
      }),
    );
    exited.catch(() => undefined);
    const ready = waitFor(
      `${this.name} to be ready`,
      async () => {
        if (stopWaiting) return true;
        const res = await fetch(`${this.url}/health/ready`).catch(() => null);
        return res?.status === 200;
      },
      // APP_START_TIMEOUT_MS: how long an app may take to become ready (a busy machine needs more)
      { timeoutMs: Number(process.env.APP_START_TIMEOUT_MS ?? 120_000), intervalMs: 200 },
    );
    await Promise.race([ready, exited]).catch((e) => {
      throw new Error(`${(e as Error).message}\n--- ${this.name} log (${this.logFile}) ---\n${this.tail()}`);
    });
    return this;
  }

  tail(lines = 30): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Graceful stop (SIGTERM): the app drains and exits. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM', 30_000);
  }

  /** kill -9: no chance to drain or commit. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL', 10_000);
  }

  private async signal(sig: NodeJS.Signals, timeoutMs: number) {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(sig);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await done;
    clearTimeout(timer);
    this.child = null;
  }

  private defaultToken: string | null = null;

  async request<T = unknown>(
    method: string,
    pathAndQuery: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const token = options.token === undefined ? (this.defaultToken ??= await devToken()) : options.token;
    const res = await fetch(`${this.url}${pathAndQuery}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T, headers: res.headers };
  }

  get<T = unknown>(pathAndQuery: string, options?: RequestOptions) {
    return this.request<T>('GET', pathAndQuery, undefined, options);
  }

  post<T = unknown>(p: string, body: unknown, options?: RequestOptions) {
    return this.request<T>('POST', p, body, options);
  }
}
