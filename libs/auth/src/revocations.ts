import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { hostname } from 'node:os';
import type { Consumer, Kafka } from 'kafkajs';
import { decodeEvent, SessionRevokedV1, Topics } from '@lib/contracts';
import { ensureTopics, KAFKA_CLIENT, KAFKA_SETTINGS, KafkaSettings, topicName } from '@lib/messaging';

/**
 * Access tokens revoked before they expire (sign-out), by token id (`jti`), kept in memory until
 * they expire: a revoked token is refused by every app, not only by the gateway. Bounded: beyond
 * `max` entries the oldest revocations go first, which (all tokens living one lifetime, 15 minutes)
 * are the ones that expire soonest; only a burst of more sign-outs than the bound within one token
 * lifetime could let a revoked token pass again before it expires.
 */
export class RevocationList {
  private readonly expiries = new Map<string, number>();
  /** Users whose tokens issued before a moment are revoked: userId → that moment (s) and until when. */
  private readonly users = new Map<string, { beforeMs: number; expiresAtMs: number }>();
  /** Set while the list is catching up with recent sign-outs (app start): checks wait for it. */
  behind: Promise<void> | null = null;

  constructor(private readonly max = 100_000) {}

  /** Marks the list as behind until the returned function is called (idempotent). */
  catchingUp(): () => void {
    let done!: () => void;
    const p = new Promise<void>((resolve) => (done = resolve));
    this.behind = p;
    return () => {
      if (this.behind === p) this.behind = null;
      done();
    };
  }

  add(jti: string, expiresAtMs: number, nowMs = Date.now()): void {
    if (expiresAtMs <= nowMs) return; // already refused for its expiry
    this.prune(nowMs);
    const known = this.expiries.get(jti);
    if (known !== undefined && known >= expiresAtMs) return;
    this.expiries.delete(jti);
    this.expiries.set(jti, expiresAtMs);
    // the oldest revocation first: with one token lifetime, it is the one that expires soonest
    while (this.expiries.size > this.max) this.expiries.delete(this.expiries.keys().next().value!);
  }

  /**
   * Revokes every token of a user issued before `revokedAtMs`, until `expiresAtMs`, when all of them
   * have expired (tokens issued after it, e.g. with the user's new roles, stand).
   */
  addUser(userId: string, revokedAtMs: number, expiresAtMs: number, nowMs = Date.now()): void {
    if (expiresAtMs <= nowMs) return;
    for (const [id, u] of this.users) {
      if (u.expiresAtMs > nowMs) break;
      this.users.delete(id);
    }
    const known = this.users.get(userId);
    this.users.delete(userId);
    this.users.set(userId, {
      beforeMs: Math.max(revokedAtMs, known?.beforeMs ?? 0),
      expiresAtMs: Math.max(expiresAtMs, known?.expiresAtMs ?? 0),
    });
    while (this.users.size > this.max) this.users.delete(this.users.keys().next().value!);
  }

  /** Whether a verified token is revoked: by its id, or as one of its user's revoked tokens. */
  refuses(p: { sub: string; jti?: string; issuedAtMs?: number }, nowMs = Date.now()): boolean {
    if (this.isRevoked(p.jti, nowMs)) return true;
    const u = this.users.get(p.sub);
    if (!u) return false;
    if (u.expiresAtMs <= nowMs) {
      this.users.delete(p.sub);
      return false;
    }
    return p.issuedAtMs === undefined || p.issuedAtMs < u.beforeMs;
  }

  isRevoked(jti: string | undefined, nowMs = Date.now()): boolean {
    if (!jti) return false;
    const exp = this.expiries.get(jti);
    if (exp === undefined) return false;
    if (exp > nowMs) return true;
    this.expiries.delete(jti);
    return false;
  }

  get size(): number {
    return this.expiries.size + this.users.size;
  }

  /** Drops expired entries from the front (entries arrive roughly in expiry order: one token lifetime). */
  private prune(nowMs: number) {
    for (const [jti, exp] of this.expiries) {
      if (exp > nowMs) break;
      this.expiries.delete(jti);
    }
  }
}

/** How far back a starting app re-reads sign-outs: the longest access-token lifetime (1 h) and a margin. */
export const REVOCATION_LOOKBACK_MS = 65 * 60_000;
/** How long token checks wait at start for the recent sign-outs before serving anyway (Kafka away). */
export const REVOCATION_CATCH_UP_TIMEOUT_MS = 10_000;

/** How long a consumer of a process killed without leaving stays in its group (kafkajs sessionTimeout). */
const REVOCATION_SESSION_TIMEOUT_MS = 10_000;
/** Groups of instances that are gone are removed at start, once their sessions have expired, then hourly. */
export const REVOCATION_GROUP_SWEEP_MS = 60 * 60_000;

/** The start of every revocation consumer group of an app (its topic prefix keeps environments apart). */
export function revocationGroupPrefix(settings: Pick<KafkaSettings, 'topicPrefix' | 'clientId'>): string {
  return `${settings.topicPrefix}${settings.clientId}.revocations.`;
}

/**
 * Follows session.revoked.v1 (the gateway publishes it through its outbox at sign-out) into the
 * app's RevocationList. Every process reads every partition and, at start, re-reads the last hour,
 * so a restarted app knows what was revoked while it was down: until it has read them, token checks
 * wait (at most REVOCATION_CATCH_UP_TIMEOUT_MS, then they go on and the follower keeps trying).
 * Without Kafka wiring (unit tests) it does nothing.
 *
 * Consumer groups. kafkajs has no group-less consumer (no assign()), and instances must not share a
 * group (they would split the partitions and each miss sign-outs). So each instance has its own
 * group, named after its stable identity, `<prefix><app>.revocations.<INSTANCE_ID>` (default: host
 * name and port: the pod name in Kubernetes, the container in compose), instead of one group per
 * process start as before:
 * - a restart of the same instance (container restart, crash loop) reuses its group: no new group;
 * - a graceful stop (SIGTERM: rolling update, scale-down) leaves and deletes its group;
 * - groups of instances that vanished without a goodbye (SIGKILL, lost node) are swept: every
 *   instance deletes the app's revocation groups that have no member left (Kafka refuses to delete
 *   a group with live members, so a running instance's group is never touched), at start, once more
 *   after a killed predecessor's session has expired, and hourly;
 * - if its group still has members at start (its own predecessor killed moments ago, or a twin with
 *   the same INSTANCE_ID), this run takes a group of its own for once, deleted or swept like the rest.
 * The group's offsets are not what a start resumes from (it seeks REVOCATION_LOOKBACK_MS back), so
 * deleting a group loses nothing.
 */
@Injectable()
export class RevocationFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RevocationFollower.name);
  private consumer: Consumer | null = null;
  private stopped = false;
  private readonly timers: NodeJS.Timeout[] = [];
  /** Revocation events applied since start (health, tests). */
  applied = 0;
  /** The consumer group this process reads with (once started). */
  groupId: string | null = null;

  constructor(
    readonly list: RevocationList,
    @Optional() @Inject(KAFKA_CLIENT) private readonly kafka?: Kafka,
    @Optional() @Inject(KAFKA_SETTINGS) private readonly settings?: KafkaSettings,
  ) {}

  onApplicationBootstrap() {
    if (!this.kafka || !this.settings) return;
    const caughtUp = this.list.catchingUp();
    const timer = setTimeout(() => {
      this.logger.warn(
        '未能及时读取最近的令牌撤销 (recent token revocations not read in time; serving anyway)',
      );
      caughtUp();
    }, REVOCATION_CATCH_UP_TIMEOUT_MS);
    timer.unref();
    // in the background: an app serves while Kafka is briefly away; the consumer retries by itself
    const started = Date.now();
    let current = false;
    void this.start(this.kafka, this.settings, () => {
      clearTimeout(timer);
      caughtUp();
      if (!current)
        this.logger.log(
          `已读取最近的令牌撤销 (recent token revocations read: ${this.applied} in ${Date.now() - started} ms)`,
        );
      current = true;
    }).catch((e: Error) =>
      this.logger.error(`撤销令牌订阅失败 (cannot follow token revocations): ${e.message}`),
    );
  }

  private async start(kafka: Kafka, settings: KafkaSettings, caughtUp: () => void) {
    const topic = topicName(settings, Topics.sessions);
    await ensureTopics(kafka, [topic], settings.partitions);
    if (this.stopped) return;
    const prefix = revocationGroupPrefix(settings);
    const stable = `${prefix}${settings.instanceId ?? `${hostname()}-${process.pid}`}`;
    const admin = kafka.admin();
    await admin.connect();
    let starts: Array<{ partition: number; offset: string }>;
    let ends: Array<{ partition: number; high: string }>;
    let groupId = stable;
    try {
      const [own] = (await admin.describeGroups([stable])).groups;
      if (own && own.members.length > 0) {
        groupId = `${stable}.${Date.now().toString(36)}`;
        this.logger.warn(
          `撤销令牌消费组仍有成员，本次使用临时消费组 (group ${stable} still has members: a predecessor killed moments ago or another instance with this INSTANCE_ID; using ${groupId} this time)`,
        );
      }
      starts = await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() - REVOCATION_LOOKBACK_MS);
      ends = await admin.fetchTopicOffsets(topic);
    } finally {
      await admin.disconnect();
    }
    this.groupId = groupId;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: REVOCATION_SESSION_TIMEOUT_MS,
      rebalanceTimeout: REVOCATION_SESSION_TIMEOUT_MS,
      heartbeatInterval: 1_000,
      // short polls: a sign-out arrives quickly and shutting down never waits long for a fetch
      maxWaitTimeInMs: 500,
    });
    this.consumer = consumer;
    // every partition must be ours: anything less means another process reads in this group
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const mine = payload.memberAssignment[topic]?.length ?? 0;
      if (mine < ends.length)
        this.logger.error(
          `撤销令牌消费组被共用 (group ${groupId} is shared: this instance reads ${mine} of ${ends.length} partitions and misses sign-outs; give each instance its own INSTANCE_ID)`,
        );
    });
    await consumer.connect();
    if (this.stopped) return void (await consumer.disconnect());
    // where a group without committed offsets starts: at start the seek below decides; should the group be
    // deleted while this consumer is away (a sweep after its session expired), it rejoins from the beginning
    // of the topic rather than its end, so no sign-out of that gap is skipped (expired ones are ignored)
    await consumer.subscribe({ topic, fromBeginning: true });
    // caught up once every partition is read up to where it ended at start
    const behind = new Map<number, bigint>();
    for (const s of starts) {
      const high = BigInt(ends.find((e) => e.partition === s.partition)?.high ?? s.offset);
      if (high > BigInt(s.offset)) behind.set(s.partition, high);
    }
    const advanced = (partition: number, offset: string) => {
      const high = behind.get(partition);
      if (high !== undefined && BigInt(offset) + 1n >= high) behind.delete(partition);
      if (behind.size === 0) caughtUp();
    };
    if (behind.size === 0) caughtUp(); // nothing to re-read
    await consumer.run({
      // offsets are committed so that a consumer kafkajs restarts after a crash resumes, missing nothing
      eachMessage: async ({ partition, message }) => {
        const decoded = decodeEvent(message.value);
        // anything else on the topic is not ours to judge
        if (decoded.ok && decoded.event.type === SessionRevokedV1.type) {
          const data = (decoded.event as SessionRevokedV1).data;
          if (data.jti !== null) this.list.add(data.jti, Date.parse(data.expiresAt));
          else this.list.addUser(data.userId, Date.parse(data.revokedAt), Date.parse(data.expiresAt));
          this.applied++;
        }
        advanced(partition, message.offset);
      },
    });
    for (const s of starts) consumer.seek({ topic, partition: s.partition, offset: s.offset });
    this.logger.log(`正在跟踪令牌撤销 (following token revocations on ${topic} as group ${groupId})`);
    const sweep = () => void this.sweep(kafka, prefix);
    sweep();
    this.timers.push(setTimeout(sweep, REVOCATION_SESSION_TIMEOUT_MS + 5_000));
    this.timers.push(setInterval(sweep, REVOCATION_GROUP_SWEEP_MS));
    for (const t of this.timers) t.unref();
  }

  /** Deletes the app's revocation groups without members (instances gone); returns how many. */
  async sweep(kafka: Kafka, prefix: string): Promise<number> {
    if (this.stopped) return 0;
    const admin = kafka.admin();
    let deleted = 0;
    try {
      await admin.connect();
      const names = (await admin.listGroups()).groups
        .map((g) => g.groupId)
        .filter((g) => g.startsWith(prefix) && g !== this.groupId);
      if (names.length === 0) return 0;
      const idle = (await admin.describeGroups(names)).groups
        .filter((g) => g.state === 'Empty' || g.state === 'Dead')
        .map((g) => g.groupId);
      for (const g of idle)
        // one at a time: a group that gained a member meanwhile is refused (GROUP_NOT_EMPTY) and kept
        deleted += await admin.deleteGroups([g]).then(
          () => 1,
          () => 0,
        );
      if (deleted)
        this.logger.log(`已清理撤销令牌消费组 (removed ${deleted} revocation group(s) of instances gone)`);
    } catch (e) {
      this.logger.warn(`撤销令牌消费组清理失败 (revocation group sweep failed): ${(e as Error).message}`);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    return deleted;
  }

  async onApplicationShutdown() {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    if (!this.consumer) return;
    await this.consumer.disconnect().catch(() => undefined);
    // the group is empty once this consumer has left: delete it (bounded: Kafka may be away)
    if (!this.kafka || !this.groupId) return;
    const admin = this.kafka.admin();
    const groupId = this.groupId;
    const done = (async () => {
      await admin.connect();
      await admin.deleteGroups([groupId]);
    })().catch(() => undefined);
    await Promise.race([done, new Promise((r) => setTimeout(r, 3_000).unref())]);
    await admin.disconnect().catch(() => undefined);
  }
}
