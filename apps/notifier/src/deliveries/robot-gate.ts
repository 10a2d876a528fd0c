import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export interface RobotGateSettings {
  /** At most `limit` messages per robot in any `windowMs` (DingTalk and WeCom: 20 a minute). */
  limit: number;
  windowMs: number;
  /** How long a robot that answered "too many messages" is left alone. */
  blockMs: number;
  /** How long one sender may hold a robot (a crashed holder's lock expires after it). */
  lockMs: number;
}

const UNLOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const REFRESH = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Per-robot state in Redis, shared by every notifier process: an exclusive send lock, a sliding
 * window of send times (a sorted set scored by when each send ended), and a block after errcode
 * 130101/45009. Window checks and sends happen under the lock, so no two senders race on a robot.
 */
export class RobotGate {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly s: RobotGateSettings,
  ) {}

  private key(robot: string, what: 'lock' | 'sent' | 'blocked') {
    return `${this.prefix}:robot:${robot}:${what}`;
  }

  /** The lock token if this caller now holds the robot; null if someone else does. */
  async tryLock(robot: string): Promise<string | null> {
    const token = randomUUID();
    const ok = await this.redis.set(this.key(robot, 'lock'), token, 'PX', this.s.lockMs, 'NX');
    return ok ? token : null;
  }

  /**
   * Extends a held lock to a full lockMs from now; false if it expired and someone else may hold
   * the robot (the caller must then not send). Called right before a send and right after it, so
   * a slow database step cannot let a second sender resend a digest that is still being sent.
   */
  async refresh(robot: string, token: string): Promise<boolean> {
    return (await this.redis.eval(REFRESH, 1, this.key(robot, 'lock'), token, this.s.lockMs)) === 1;
  }

  async unlock(robot: string, token: string): Promise<void> {
    await this.redis.eval(UNLOCK, 1, this.key(robot, 'lock'), token);
  }

  /** Milliseconds until the robot may take another message (0: now). Call under the lock. */
  async waitMs(robot: string, now = Date.now()): Promise<number> {
    const blocked = await this.redis.pttl(this.key(robot, 'blocked'));
    if (blocked > 0) return blocked;
    const sent = this.key(robot, 'sent');
    await this.redis.zremrangebyscore(sent, 0, now - this.s.windowMs);
    if ((await this.redis.zcard(sent)) < this.s.limit) return 0;
    const [, oldest] = await this.redis.zrange(sent, 0, 0, 'WITHSCORES');
    return Math.max(1, Number(oldest) + this.s.windowMs - now);
  }

  /** Counts a send in the window; call again when it ends (the score moves to the end time). */
  async count(robot: string, sendId: string): Promise<void> {
    const sent = this.key(robot, 'sent');
    await this.redis
      .multi()
      .zadd(sent, Date.now(), sendId)
      .pexpire(sent, this.s.windowMs * 2)
      .exec();
  }

  async block(robot: string): Promise<void> {
    await this.redis.set(this.key(robot, 'blocked'), '1', 'PX', this.s.blockMs);
  }
}
