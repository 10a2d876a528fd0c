import { Controller, Get, Inject, Injectable, Optional } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  MongooseHealthIndicator,
} from '@nestjs/terminus';
import type { Admin, Kafka } from 'kafkajs';
import type { Redis } from 'ioredis';
import { Public } from '@lib/auth';
import { KAFKA_CLIENT, OutboxRelay } from '@lib/messaging';

export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([
    p,
    new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`${what} timed out`)), ms)),
  ]);

@Injectable()
export class DependencyHealth {
  private admin: Admin | null = null;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly mongoose: MongooseHealthIndicator,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly relay: OutboxRelay,
    @Optional() @Inject(REDIS_CONNECTION) private readonly redis?: Redis,
  ) {}

  database() {
    return this.mongoose.pingCheck('database', { timeout: 2_000 });
  }

  private kafkaStatus: Record<string, unknown> = { reachable: false, message: '尚未检查 (not checked yet)' };
  private kafkaCheck: Promise<void> | null = null;

  /**
   * Kafka is reported, never required: the app's writes go through its outbox and are published
   * when Kafka returns, so an outage must not take the app (and the gateway) out of service. A probe
   * waits at most 500 ms for it: a slow check answers with the last known state.
   */
  async broker() {
    this.kafkaCheck ??= this.checkKafka().finally(() => (this.kafkaCheck = null));
    await Promise.race([this.kafkaCheck, new Promise((r) => setTimeout(r, 500))]);
    return this.indicators.check('kafka').up(this.kafkaStatus);
  }

  private async checkKafka() {
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin();
        await withTimeout(this.admin.connect(), 2_000, 'kafka connect');
      }
      const cluster = await withTimeout(this.admin.describeCluster(), 2_000, 'kafka describeCluster');
      this.kafkaStatus = { reachable: true, brokers: cluster.brokers.length };
    } catch (e) {
      const admin = this.admin;
      this.admin = null;
      void admin?.disconnect().catch(() => undefined);
      this.kafkaStatus = {
        reachable: false,
        message: `Kafka 暂不可达，写入在发件箱中等待发布 (unreachable: ${(e as Error).message})`,
      };
    }
  }

  /** The outbox backlog: pending documents and the age of the oldest unpublished event. */
  async outbox() {
    const check = this.indicators.check('outbox');
    try {
      const { documents, oldestAt } = await withTimeout(this.relay.backlog(), 2_000, 'outbox backlog');
      return check.up({
        pendingDocuments: documents,
        oldestPendingAt: oldestAt?.toISOString() ?? null,
        oldestPendingAgeSeconds: oldestAt ? Math.round((Date.now() - oldestAt.getTime()) / 1000) : 0,
      });
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }

  async cache() {
    const check = this.indicators.check('redis');
    if (!this.redis) return check.up({ used: false });
    try {
      await withTimeout(this.redis.ping(), 2_000, 'redis ping');
      return check.up();
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }
}

/**
 * /health/live: the process answers (restart it if not); it never asks a remote server.
 * /health/ready and /health: the database (and Redis where used) answer (send it traffic if so);
 * Kafka and the outbox backlog are reported, not required (writes wait in the outbox).
 * Public: probes carry no token.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly deps: DependencyHealth,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get(['', 'ready'])
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.deps.database(),
      () => this.deps.broker(),
      () => this.deps.cache(),
      () => this.deps.outbox(),
    ]);
  }
}
