import { execFile } from 'node:child_process';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ALL_APPS, AppName, AppProcess, repoRoot } from '@lib/testing';
import { Platform, upstreamUrls } from '../e2e/platform';
import { faultPorts } from './env';

const run = promisify(execFile);

export type InfraService = 'kafka' | 'postgres' | 'ferretdb' | 'redis';

/** The suite's private Kafka, PostgreSQL, FerretDB and Redis (deploy/local/instance.sh), in .local/fault-infra. */
export class PrivateInfra {
  readonly dir = process.env.FAULT_INFRA_DIR ?? path.join(repoRoot, '.local', 'fault-infra');

  private async instance(...args: string[]): Promise<string> {
    const { stdout } = await run(
      'bash',
      [path.join(repoRoot, 'deploy/local/instance.sh'), this.dir, ...args],
      {
        env: {
          ...process.env,
          KAFKA_PORT: String(faultPorts.kafka),
          KAFKA_CONTROLLER_PORT: String(faultPorts.kafkaController),
          PG_PORT: String(faultPorts.postgres),
          MONGO_PORT: String(faultPorts.mongo),
          REDIS_PORT: String(faultPorts.redis),
        },
        maxBuffer: 4 * 1024 * 1024,
        timeout: 300_000,
      },
    );
    return stdout;
  }

  up = () => this.instance('up');
  down = () => this.instance('down', '--purge');
  stop = (svc: InfraService) => this.instance('stop', svc);
  start = (svc: InfraService) => this.instance('start', svc);
  kill = (svc: InfraService) => this.instance('kill', svc);
}

/** Headers about one connection (its keep-alive, its framing): never forwarded to the next one. */
function withoutHopByHop(headers: http.IncomingHttpHeaders): http.IncomingHttpHeaders {
  const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...rest } = headers;
  return rest;
}

/**
 * What a Kubernetes Service does for two pods: requests go round-robin to the instances, and a request whose
 * connection is refused (the instance is down) goes to the next one. A request already sent to an instance
 * that dies is not sent again (it may have been done): the caller gets 502, as it would in production.
 */
export class Balancer {
  private server: http.Server | null = null;
  private next = 0;
  url = '';

  constructor(private readonly targets: () => AppProcess[]) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.forward(req, res, Buffer.concat(chunks), 0));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tried: number) {
    const targets = this.targets();
    if (tried >= targets.length * 2) {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"no instance answers"}');
      return;
    }
    const target = targets[this.next++ % targets.length];
    const upstream = http.request(
      `${target.url}${req.url ?? '/'}`,
      {
        method: req.method,
        headers: { ...withoutHopByHop(req.headers), host: new URL(target.url).host },
        agent: false,
      },
      (answer) => {
        // one request per connection: no keep-alive race (a client reusing a socket the balancer is closing)
        res.writeHead(answer.statusCode ?? 502, { ...withoutHopByHop(answer.headers), connection: 'close' });
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (e: NodeJS.ErrnoException) => {
      if (res.headersSent) return void res.destroy();
      if (e.code === 'ECONNREFUSED') {
        // never reached the instance: the next one may take it (a short pause when both are away)
        setTimeout(() => this.forward(req, res, body, tried + 1), tried >= targets.length ? 250 : 0);
        return;
      }
      res.writeHead(502, { 'content-type': 'application/json' }).end('{"message":"the instance went away"}');
    });
    upstream.end(body);
  }

  async stop() {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server?.closeAllConnections();
  }
}

/**
 * Every app twice, as separate processes from dist/, against the private infrastructure; each pair behind a
 * Balancer, the gateways' routes pointing at the balancers, and `gateway` (a balancer over both gateways) the
 * one address the load uses.
 */
export class FaultPlatform {
  readonly base = new Platform();
  readonly instances = {} as Record<AppName, [AppProcess, AppProcess]>;
  readonly balancers = {} as Record<AppName, Balancer>;

  get runId() {
    return this.base.runId;
  }
  get sink() {
    return this.base.sink;
  }
  get kafka() {
    return this.base.kafka;
  }

  /** The app's address as every caller sees it (its balancer). */
  urlOf(app: AppName) {
    return this.balancers[app].url;
  }

  /** One live instance, for reads that need no balancing (service token). */
  any(app: AppName): AppProcess {
    return this.instances[app].find((a) => a.pid !== undefined) ?? this.instances[app][0];
  }

  private envOf(app: AppName): Record<string, string> {
    const env = this.base.envOf(app);
    if (app !== 'gateway') return env;
    return {
      ...env,
      ...upstreamUrls((a) => this.urlOf(a)),
      GATEWAY_RATE_LIMIT_PER_MINUTE: '100000',
    };
  }

  async start(): Promise<this> {
    await this.sink.start();
    for (const app of ALL_APPS) {
      this.balancers[app] = await new Balancer(() => this.instances[app]).start();
    }
    for (const app of ALL_APPS) {
      const env = this.envOf(app);
      this.instances[app] = [
        await AppProcess.create(app, `${this.runId}-a`, env),
        await AppProcess.create(app, `${this.runId}-b`, env),
      ];
    }
    // the first of each pair first (it creates topics and indexes), the first gateway once they answer (it
    // reads their API descriptions at start and creates the administrator), then every second instance
    const apps = ALL_APPS.filter((a) => a !== 'gateway');
    await Promise.all(apps.map((app) => this.instances[app][0].start()));
    await this.instances.gateway[0].start();
    await Promise.all(ALL_APPS.map((app) => this.instances[app][1].start()));
    return this;
  }

  async stop() {
    await Promise.all(
      Object.values(this.instances)
        .flat()
        .map((a) => a.stop()),
    );
    await Promise.all(Object.values(this.balancers).map((b) => b.stop()));
    await this.sink.stop();
    await this.kafka.close();
  }
}
