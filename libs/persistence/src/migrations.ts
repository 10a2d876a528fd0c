import { Logger } from '@nestjs/common';
import type { Db } from 'mongodb';
import { isDuplicateKeyError } from './duplicate-key';

/**
 * A change to an app's stored data, run once per database at start-up. `id` is its name forever
 * (the record of what ran is keyed by it): never rename a migration that has shipped, add a new one.
 */
export interface Migration {
  id: string;
  /** Idempotent: a migration interrupted half-way (the app died) is run again from the start. */
  up(db: Db): Promise<void>;
}

/** The record of one migration in the `migrations` collection. */
export interface MigrationRecord {
  _id: string;
  /** When an instance took it on (and when it last proved it was still at it). */
  claimedAt: Date;
  claimedBy: string;
  /** When it finished; null while it runs. */
  ranAt: Date | null;
}

export const MIGRATIONS_COLLECTION = 'migrations';

export interface MigrationRunnerOptions {
  /** Who runs it (for the record), e.g. host and process id. */
  instance?: string;
  /** A claim not finished within this long is taken to be from a dead instance and taken over. */
  staleAfterMs?: number;
  /** How often an instance waiting for another's migration looks again. */
  pollMs?: number;
  /** How long an instance waits for another's migration before giving up (start-up fails). */
  waitMs?: number;
}

/**
 * Runs an app's migrations in order, each once per database, recording each in `migrations`
 * (`_id` = migration id, `ranAt`). Two instances starting together both call run(): the first to
 * insert the claim runs the migration, the other waits until it is recorded as done, so both start
 * on migrated data. A claim left by an instance that died is taken over once stale.
 */
export class MigrationRunner {
  private readonly logger = new Logger(MigrationRunner.name);
  private readonly instance: string;
  private readonly staleAfterMs: number;
  private readonly pollMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly db: Db,
    private readonly migrations: readonly Migration[],
    options: MigrationRunnerOptions = {},
  ) {
    const ids = migrations.map((m) => m.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw new Error(`migration id used twice: ${twice}`);
    this.instance = options.instance ?? `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    this.staleAfterMs = options.staleAfterMs ?? 10 * 60_000;
    this.pollMs = options.pollMs ?? 250;
    this.waitMs = options.waitMs ?? 15 * 60_000;
  }

  private get records() {
    return this.db.collection<MigrationRecord>(MIGRATIONS_COLLECTION);
  }

  /** Runs every migration not yet recorded as done; returns the ids this instance ran. */
  async run(): Promise<string[]> {
    const ran: string[] = [];
    for (const m of this.migrations) if (await this.runOne(m)) ran.push(m.id);
    return ran;
  }

  /** true if this instance ran it; false if it had run already (or another instance ran it meanwhile). */
  private async runOne(m: Migration): Promise<boolean> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      if (await this.claim(m.id)) {
        const started = Date.now();
        await m.up(this.db);
        await this.records.updateOne(
          { _id: m.id, claimedBy: this.instance },
          { $set: { ranAt: new Date() } },
        );
        this.logger.log(`migration ${m.id} ran in ${Date.now() - started} ms`);
        return true;
      }
      const rec = await this.records.findOne({ _id: m.id });
      if (rec?.ranAt) return false;
      if (Date.now() > deadline)
        throw new Error(
          `migration ${m.id}: still running elsewhere (${rec?.claimedBy}) after ${this.waitMs} ms`,
        );
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }

  /** Takes the migration on: a new claim, or one left stale by an instance that died. */
  private async claim(id: string): Promise<boolean> {
    const now = new Date();
    try {
      await this.records.insertOne({ _id: id, claimedAt: now, claimedBy: this.instance, ranAt: null });
      return true;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    const stale = await this.records.findOne({ _id: id, ranAt: null });
    if (!stale || now.getTime() - stale.claimedAt.getTime() < this.staleAfterMs) return false;
    // compare-and-set on the claim as read: of two instances taking over, one wins
    const { modifiedCount } = await this.records.updateOne(
      { _id: id, ranAt: null, claimedAt: stale.claimedAt, claimedBy: stale.claimedBy },
      { $set: { claimedAt: now, claimedBy: this.instance } },
    );
    if (modifiedCount === 1)
      this.logger.warn(`migration ${id}: taking over a stale claim of ${stale.claimedBy}`);
    return modifiedCount === 1;
  }
}
