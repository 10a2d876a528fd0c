import { ConflictException, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHash } from 'node:crypto';
import { Model } from 'mongoose';
import { Principal } from '@lib/auth';
import { createEvent, DEFAULT_THRESHOLDS, ThresholdSetV1 } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { isDuplicateKeyError, Store } from '@lib/persistence';
import { keyOf, placeOf, ThresholdPlace } from './threshold-key';
import { ThresholdChange, ThresholdCurrent } from './thresholds.schema';
import { ListThresholdsQuery, PutThresholdBody, ThresholdHistoryQuery } from './thresholds.dto';

const SEED_BY = 'system:seed';

function present<T extends { _id: string }>(doc: T) {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

/** Filter of list and history queries (equality only). */
function filterOf(q: ListThresholdsQuery): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (q.scope) f.scope = q.scope;
  if (q.year !== undefined) f.year = q.year;
  if (q.code) f[q.code.length === 2 ? 'provinceCode' : 'countyCode'] = q.code;
  return f;
}

/**
 * 监测范围 owned by monitoring: every change is an insert-only history entry carrying its
 * threshold.set.v1; the current line per key is rolled forward from the history. Rules keep their
 * copy from the event and decide what to re-evaluate (nothing is re-evaluated here).
 */
@Injectable()
export class ThresholdsService implements OnModuleInit {
  private readonly changeStore: Store<ThresholdChange>;

  constructor(
    @InjectModel(ThresholdChange.name) private readonly changes: Model<ThresholdChange>,
    @InjectModel(ThresholdCurrent.name) private readonly current: Model<ThresholdCurrent>,
    relay: OutboxRelay,
  ) {
    this.changeStore = Store.of(changes, { relay });
  }

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
    const all = await this.changes
      .find(key ? { key } : {})
      .lean<ThresholdChange[]>()
      .exec();
    for (const c of all) if ((latest.get(c.key)?.version ?? 0) < c.version) latest.set(c.key, c);
    for (const c of latest.values()) await this.applyToCurrent(c);
  }

  private async applyToCurrent(c: ThresholdChange) {
    try {
      await this.current.updateOne(
        { _id: c.key, version: { $lt: c.version } },
        {
          $set: {
            version: c.version,
            scope: c.scope,
            provinceCode: c.provinceCode,
            countyCode: c.countyCode,
            year: c.year,
            amount: c.amount,
            source: c.source,
            reason: c.reason,
            setBy: c.setBy,
            setAt: c.setAt,
          },
        },
        { upsert: true },
      );
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e; // already at this version or later
    }
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
    await this.changeStore.insert(change, [event]);
    return change;
  }

  /** Sets a line; the same amount and source again changes nothing. */
  async set(caller: Principal, body: PutThresholdBody) {
    const place = placeOf(body.scope, body.code, body.year);
    const key = keyOf(place);
    await this.rollForward(key);
    const now = await this.current.findById(key).lean<ThresholdCurrent>().exec();
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
    await this.applyToCurrent(change);
    const saved = await this.current.findById(key).lean<ThresholdCurrent>().exec();
    return { changed: true, threshold: present(saved!) };
  }

  async list(q: ListThresholdsQuery) {
    const rank = { national: 0, province: 1, county: 2 } as const;
    const items = await this.current.find(filterOf(q)).lean<ThresholdCurrent[]>().exec();
    return items
      .sort(
        (a, b) =>
          a.year - b.year ||
          rank[a.scope] - rank[b.scope] ||
          (a.provinceCode ?? '').localeCompare(b.provinceCode ?? '') ||
          (a.countyCode ?? '').localeCompare(b.countyCode ?? ''),
      )
      .map(present);
  }

  async history(q: ThresholdHistoryQuery) {
    const { page, pageSize, ...rest } = q;
    const filter = filterOf(rest);
    const [items, total] = await Promise.all([
      this.changes
        .find(filter)
        .sort({ setAt: -1, version: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<ThresholdChange[]>()
        .exec(),
      this.changes.countDocuments(filter).exec(),
    ]);
    return { items: items.map(present), total, page, pageSize };
  }
}
