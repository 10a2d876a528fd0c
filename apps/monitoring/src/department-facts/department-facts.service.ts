import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHash } from 'node:crypto';
import { Model } from 'mongoose';
import { Scope, SERVICE_SCOPE } from '@lib/auth';
import { ScopedRepository, Store } from '@lib/persistence';
import {
  createEvent,
  DepartmentFactReceivedV1,
  DepartmentFactRecord,
  HouseholdMemberAddedV1,
  HouseholdMemberRemovedV1,
  HouseholdRegisteredV1,
} from '@lib/contracts';
import { OutboxRelay, runWithConcurrency } from '@lib/messaging';
import { HouseholdDirectory } from '../household-directory/household-directory.store';
import { DepartmentFact, MemberHash } from './department-fact.schema';
import { maskIdNumber } from '@lib/crypto';
import { IdNumberHasher } from './id-number-hash';
import { ListDepartmentFactsQuery } from './department-facts.dto';

export type FactOutcome = 'matched' | 'unmatched' | 'duplicate';

interface Match {
  householdId: string;
  memberId: string | null;
  townCode: string;
  villageCode: string;
}

/** API view: the keyed hash stays inside (it is a lookup key for personal data); the masked number shows. */
function present(doc: DepartmentFact) {
  const { _id, idNumberHash: _hash, ...rest } = doc;
  return { id: _id, ...rest };
}

/**
 * 部门筛查预警 intake: department facts (API batches and the raw topic) are hashed, matched to a
 * household of the department's county by member hash (or by the household id they name), stored
 * once, and published as department-fact.received.v1 when matched; unmatched ones are kept, reported
 * and matched later when a household with that member registers.
 */
@Injectable()
export class DepartmentFactsService extends ScopedRepository<DepartmentFact> {
  private readonly memberStore: Store<MemberHash>;

  constructor(
    @InjectModel(DepartmentFact.name) model: Model<DepartmentFact>,
    @InjectModel(MemberHash.name) private readonly members: Model<MemberHash>,
    private readonly directory: HouseholdDirectory,
    relay: OutboxRelay,
    private readonly hasher: IdNumberHasher,
  ) {
    super(model, { relay });
    this.memberStore = Store.of(members);
  }

  private async matchOf(r: DepartmentFactRecord, hash: string | null, scope: Scope): Promise<Match | null> {
    if (hash) {
      const found = await this.members.find({ hash }).lean<MemberHash[]>().exec();
      const best = found
        .filter((m) => m.countyCode === r.countyCode)
        .sort((a, b) => b.since.getTime() - a.since.getTime())[0];
      if (best) return best;
    }
    if (r.householdId) {
      const h = await this.directory.findById(scope, r.householdId);
      if (h && h.countyCode === r.countyCode)
        return { householdId: h._id, memberId: null, townCode: h.townCode, villageCode: h.villageCode };
    }
    return null;
  }

  private receivedEvent(f: DepartmentFact, m: Match) {
    return createEvent({
      type: DepartmentFactReceivedV1.type,
      source: 'monitoring',
      subject: m.householdId,
      id: f.factId,
      townId: m.townCode,
      villageId: m.villageCode,
      data: {
        factId: f.factId,
        department: f.department as DepartmentFactReceivedV1['data']['department'],
        kind: f.kind as DepartmentFactReceivedV1['data']['kind'],
        householdId: m.householdId,
        memberId: m.memberId,
        townCode: m.townCode,
        villageCode: m.villageCode,
        amount: f.amount,
        occurredOn: f.occurredOn,
        period: f.period,
        detail: f.detail,
        receivedAt: f.receivedAt.toISOString(),
      },
    });
  }

  /**
   * Takes a batch of facts: each is matched (within `scope` for API callers), stored once and, when
   * matched, announced with the write. Idempotent: a repeated (department, sourceRecordId) is a duplicate.
   */
  async intake(
    records: DepartmentFactRecord[],
    via: 'api' | 'kafka',
    submittedBy: string,
    scope: Scope,
  ): Promise<FactOutcome[]> {
    const now = new Date();
    const docs: Array<{ doc: DepartmentFact; match: Match | null }> = new Array(records.length);
    await runWithConcurrency(
      records.map((r, i) => ({ r, i })),
      16,
      async ({ r, i }) => {
        const hash = r.idNumberHash ?? (r.idNumber ? this.hasher.hash(r.idNumber) : null);
        const match = await this.matchOf(r, hash, scope);
        const id = `${r.department}:${r.sourceRecordId}`;
        const doc: DepartmentFact = {
          _id: id,
          factId: `df-${createHash('sha256').update(id).digest('hex').slice(0, 32)}`,
          department: r.department,
          sourceRecordId: r.sourceRecordId,
          kind: r.kind,
          countyCode: r.countyCode,
          idNumberHash: hash,
          idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
          requestedHouseholdId: r.householdId ?? null,
          status: match ? 'matched' : 'unmatched',
          householdId: match?.householdId ?? null,
          memberId: match?.memberId ?? null,
          townCode: match?.townCode ?? null,
          villageCode: match?.villageCode ?? null,
          amount: r.amount ?? null,
          occurredOn: r.occurredOn,
          period: r.period ?? null,
          detail: r.detail ?? {},
          via,
          submittedBy,
          receivedAt: now,
          matchedAt: match ? now : null,
        };
        docs[i] = { doc, match };
      },
    );
    const matches = new Map(docs.map(({ doc, match }) => [doc, match] as const));
    const outcome = await this.store.insertManyNew(
      docs.map(({ doc }) => doc),
      (doc) => {
        const match = matches.get(doc);
        return match ? [this.receivedEvent(doc, match)] : [];
      },
    );
    const duplicates = new Set(outcome.duplicates);
    return docs.map(({ match }, i) => (duplicates.has(i) ? 'duplicate' : match ? 'matched' : 'unmatched'));
  }

  /** Member hashes of a new household, then any unmatched fact about them or naming the household. */
  async householdRegistered(e: HouseholdRegisteredV1): Promise<void> {
    const d = e.data;
    const entries = d.members
      .filter((m) => m.idNumberHash)
      .map((m) => ({
        _id: `${m.idNumberHash}:${d.householdId}`,
        hash: m.idNumberHash!,
        householdId: d.householdId,
        memberId: m.memberId,
        countyCode: d.countyCode,
        townCode: d.townCode,
        villageCode: d.villageCode,
        since: new Date(d.registeredAt),
      }));
    await this.addMembers(entries);
    await this.rematch(d.householdId, d.countyCode, entries);
  }

  async memberAdded(e: HouseholdMemberAddedV1): Promise<void> {
    const d = e.data;
    if (!d.member.idNumberHash) return;
    const entry = {
      _id: `${d.member.idNumberHash}:${d.householdId}`,
      hash: d.member.idNumberHash,
      householdId: d.householdId,
      memberId: d.member.memberId,
      countyCode: d.villageCode.slice(0, 6),
      townCode: d.townCode,
      villageCode: d.villageCode,
      since: new Date(d.at),
    };
    await this.addMembers([entry]);
    await this.rematch(d.householdId, entry.countyCode, [entry]);
  }

  async memberRemoved(e: HouseholdMemberRemovedV1): Promise<void> {
    if (e.data.idNumberHash)
      await this.members.deleteOne({ _id: `${e.data.idNumberHash}:${e.data.householdId}` });
  }

  private async addMembers(entries: MemberHash[]) {
    await this.memberStore.insertManyNew(entries);
  }

  /** Matches the household's unmatched facts (by member hash or by household id), each with its event. */
  private async rematch(householdId: string, countyCode: string, entries: MemberHash[]) {
    const candidates: Array<{ fact: DepartmentFact; match: Match }> = [];
    const known = await this.directory.findById(SERVICE_SCOPE, householdId);
    for (const m of entries) {
      const facts = await this.model
        .find({ idNumberHash: m.hash, status: 'unmatched', countyCode })
        .lean<DepartmentFact[]>()
        .exec();
      for (const fact of facts) candidates.push({ fact, match: m });
    }
    if (known) {
      const named = await this.model
        .find({ requestedHouseholdId: householdId, status: 'unmatched', countyCode })
        .lean<DepartmentFact[]>()
        .exec();
      for (const fact of named)
        candidates.push({
          fact,
          match: { householdId, memberId: null, townCode: known.townCode, villageCode: known.villageCode },
        });
    }
    const now = new Date();
    for (const { fact, match } of candidates) {
      await this.store.updateOne(
        { _id: fact._id, status: 'unmatched' },
        {
          $set: {
            status: 'matched',
            householdId: match.householdId,
            memberId: match.memberId,
            townCode: match.townCode,
            villageCode: match.villageCode,
            matchedAt: now,
          },
        },
        { events: [this.receivedEvent(fact, match)] },
      );
    }
  }

  unmatched(scope: Scope, q: ListDepartmentFactsQuery) {
    return this.listWith(scope, { ...q, status: 'unmatched' });
  }

  list(scope: Scope, q: ListDepartmentFactsQuery) {
    return this.listWith(scope, { ...q, status: 'matched' });
  }

  private async listWith(scope: Scope, q: ListDepartmentFactsQuery & { status: string }) {
    const { page, pageSize, ...filter } = q;
    const result = await this.page(scope, filter, { receivedAt: -1, _id: 1 }, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
