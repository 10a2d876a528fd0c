import { ConflictException, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Principal } from '@lib/auth';
import { createEvent, DEFAULT_THRESHOLDS, ThresholdSetV1 } from '@lib/contracts';
import { isDuplicateKeyError } from '@lib/persistence';
import { keyOf, placeOf, ThresholdPlace } from '../domain/threshold-key';
import { ThresholdChange } from '../thresholds.schema';
import { PutThresholdBody } from '../thresholds.dto';
import { ThresholdsStore } from '../thresholds.store';
import { present } from './read-thresholds.usecase';

const SEED_BY = 'system:seed';

/**
 * 监测范围 owned by monitoring: every change is an insert-only history entry carrying its
 * threshold.set.v1; the current line per key is rolled forward from the history. Rules keep their
 * copy from the event and decide what to re-evaluate (nothing is re-evaluated here).
 */
@Injectable()
export class SetThreshold implements OnModuleInit {
  constructor(private readonly store: ThresholdsStore) {}

  async onModuleInit() {
    await this.seed();
    await this.rollForward();
  }

  /** The shared defaults (libs/contracts DEFAULT_THRESHOLDS) as version 1 of their keys; idempotent across replicas. */
  private async seed() {
    for (const d of DEFAULT_THRESHOLDS) {
      const place = placeOf(d.scope, d.scope === 'county' ? d.countyCode : d.provinceCode, d.year);
      await this.insertChange(place, 1, {
        amount: d.amount,
        previousAmount: null,
        source: d.source,
        reason: '系统初始数据 (seeded default)',
        setBy: SEED_BY,
        setByName: '系统',
        setAt: new Date('2026-01-01T00:00:00Z'),
      }).catch((e) => {
        if (!isDuplicateKeyError(e)) throw e;
      });
    }
  }

  /** Repairs current lines behind their history (a crash between the history insert and the current update). */
  private async rollForward(key?: string) {
    const latest = new Map<string, ThresholdChange>();
    const all = await this.store.changesOf(key);
    for (const c of all) if ((latest.get(c.key)?.version ?? 0) < c.version) latest.set(c.key, c);
    for (const c of latest.values()) await this.store.applyToCurrent(c);
  }

  private async insertChange(
    place: ThresholdPlace,
    version: number,
    c: Pick<
      ThresholdChange,
      'amount' | 'previousAmount' | 'source' | 'reason' | 'setBy' | 'setByName' | 'setAt'
    >,
  ): Promise<ThresholdChange> {
    const key = keyOf(place);
    const change: ThresholdChange = { _id: `${key}#${version}`, key, version, ...place, ...c };
    const event = createEvent({
      type: ThresholdSetV1.type,
      source: 'monitoring',
      subject: key,
      id: createHash('sha256').update(`threshold:${change._id}`).digest('hex').slice(0, 32),
      time: c.setAt,
      data: {
        ...place,
        amount: c.amount,
        previousAmount: c.previousAmount,
        source: c.source,
        setBy: c.setBy,
        setAt: c.setAt.toISOString(),
      },
    });
    await this.store.insertChange(change, [event]);
    return change;
  }

  /** Sets a line; the same amount and source again changes nothing. */
  async execute(caller: Principal, body: PutThresholdBody) {
    const place = placeOf(body.scope, body.code, body.year);
    const key = keyOf(place);
    await this.rollForward(key);
    const now = await this.store.currentOf(key);
    if (now && now.amount === body.amount && now.source === body.source)
      return { changed: false, threshold: present(now) };
    const version = (now?.version ?? 0) + 1;
    let change: ThresholdChange;
    try {
      change = await this.insertChange(place, version, {
        amount: body.amount,
        previousAmount: now?.amount ?? null,
        source: body.source,
        reason: body.reason,
        setBy: caller.sub,
        setByName: caller.name,
        setAt: new Date(),
      });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `该监测范围刚被他人修改，请刷新后重试 (${key} was changed at the same time; reload and retry)`,
      });
    }
    await this.store.applyToCurrent(change);
    const saved = await this.store.currentOf(key);
    return { changed: true, threshold: present(saved!) };
  }
}
