import * as net from 'node:net';
import { Topics } from '@lib/contracts';
import { AppName, freePort, infra, waitFor } from '@lib/testing';
import { aHousehold, GATEWAY_ADMIN, Platform } from './platform';

/**
 * Kafka away, without touching the shared broker: the apps are started pointed at an address where
 * nothing listens (a TCP proxy to the real broker that is opened later). They must be ready, take
 * writes into their outbox, report the backlog, and publish everything once Kafka is reachable.
 */
class KafkaProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  constructor(readonly port: number) {}

  async open() {
    const [host, port] = infra.kafkaBrokers[0].split(':');
    this.server = net.createServer((client) => {
      const upstream = net.connect(Number(port), host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }

  async close() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }
}

class KafkaAwayPlatform extends Platform {
  constructor(private readonly kafkaAddress: string) {
    super();
  }
  override envOf(app: AppName): Record<string, string> {
    return { ...super.envOf(app), KAFKA_BROKERS: this.kafkaAddress };
  }
}

interface Health {
  status: string;
  info: { kafka: { reachable: boolean }; outbox: { pendingDocuments: number; oldestPendingAgeSeconds: number } };
}

describe('readiness: with Kafka away the apps stay ready, writes succeed, the backlog shows and is published later', () => {
  let proxy: KafkaProxy;
  let platform: KafkaAwayPlatform;

  beforeAll(async () => {
    proxy = new KafkaProxy(await freePort());
    platform = new KafkaAwayPlatform(`127.0.0.1:${proxy.port}`);
    await platform.start(['households', 'monitoring', 'gateway']);
  }, 400_000);

  afterAll(async () => {
    await platform?.stop();
    await proxy?.close();
  }, 60_000);

  it('stays ready, accepts a household through the gateway and publishes it once Kafka is back', async () => {
    const { apps } = platform;
    for (const app of ['households', 'monitoring', 'gateway'] as AppName[]) {
      expect((await fetch(`${apps[app].url}/health/ready`)).status).toBe(200);
      expect((await fetch(`${apps[app].url}/health/live`)).status).toBe(200);
    }
    const login = await apps.gateway.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    expect(login.status).toBe(200);
    const created = await apps.gateway.post<{ id: string }>('/api/v1/households', aHousehold('3101'), {
      token: login.body.accessToken,
    });
    expect(created.status).toBe(201);

    const health = await apps.households.get<Health>('/health', { token: null });
    expect(health.status).toBe(200);
    expect(health.body.info.kafka.reachable).toBe(false);
    expect(health.body.info.outbox.pendingDocuments).toBeGreaterThanOrEqual(1);
    const metrics = await (await fetch(`${apps.households.url}/metrics`)).text();
    expect(metrics).toMatch(/^outbox_pending_documents [1-9]/m);

    await proxy.open();
    await waitFor(
      'the backlog to be published',
      async () => (await apps.households.get<Health>('/health', { token: null })).body.info.outbox.pendingDocuments === 0,
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const records = await platform.kafka.readAll(platform.topic(Topics.households));
    expect(records.some((m) => JSON.parse(m.value!.toString()).subject === created.body.id)).toBe(true);
    await waitFor(
      'monitoring to learn the household from Kafka',
      async () => (await apps.monitoring.get(`/api/v1/monitored-households/${created.body.id}`)).status === 200,
      { timeoutMs: 90_000, intervalMs: 500 },
    );
  }, 240_000);
});
