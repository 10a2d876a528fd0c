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

  async broker() {
    const check = this.indicators.check('kafka');
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin();
        await withTimeout(this.admin.connect(), 2_000, 'kafka connect');
      }
      const cluster = await withTimeout(this.admin.describeCluster(), 2_000, 'kafka describeCluster');
      return check.up({ brokers: cluster.brokers.length });
    } catch (e) {
      this.admin = null;
      return check.down({ message: (e as Error).message });
    }
  }

  async outbox() {
    const check = this.indicators.check('outbox');
    try {
      return check.up({
        pendingDocuments: await withTimeout(this.relay.pendingCount(), 2_000, 'outbox count'),
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
 * /health/live: the process answers (restart it if not).
 * /health/ready and /health: every dependency this app uses answers (send it traffic if so).
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
