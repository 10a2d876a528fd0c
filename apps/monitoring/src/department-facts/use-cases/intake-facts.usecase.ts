import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Scope } from '@lib/auth';
import { DepartmentFactRecord } from '@lib/contracts';
import { maskIdNumber } from '@lib/crypto';
import { runWithConcurrency } from '@lib/messaging';
import { HouseholdDirectory } from '../../household-directory/household-directory.store';
import { DepartmentFact } from '../department-fact.schema';
import { DepartmentFactsStore } from '../department-facts.store';
import { FactMatch, FactOutcome, receivedEvent } from '../domain/fact-events';
import { IdNumberHasher } from '../id-number-hash';
import { MemberIndex } from '../member-index.store';

/**
 * 部门筛查预警 intake: department facts (API batches and the raw topic) are hashed, matched to a
 * household of the department's county by member hash (or by the household id they name), stored
 * once, and published as department-fact.received.v1 when matched; unmatched ones are kept, reported
 * and matched later when a household with that member registers (IndexMembers).
 */
@Injectable()
export class IntakeFacts {
  constructor(
    private readonly store: DepartmentFactsStore,
    private readonly members: MemberIndex,
    private readonly directory: HouseholdDirectory,
    private readonly hasher: IdNumberHasher,
  ) {}

  private async matchOf(
    r: DepartmentFactRecord,
    hash: string | null,
    scope: Scope,
  ): Promise<FactMatch | null> {
    if (hash) {
      const found = await this.members.withHash(hash);
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

  /**
   * Takes a batch of facts: each is matched (within `scope` for API callers), stored once and, when
   * matched, announced with the write. Idempotent: a repeated (department, sourceRecordId) is a duplicate.
   */
  async execute(
    records: DepartmentFactRecord[],
    via: 'api' | 'kafka',
    submittedBy: string,
    scope: Scope,
  ): Promise<FactOutcome[]> {
    const now = new Date();
    const docs: Array<{ doc: DepartmentFact; match: FactMatch | null }> = new Array(records.length);
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
    const duplicates = await this.store.insertFacts(
      docs.map(({ doc }) => doc),
      (doc) => {
        const match = matches.get(doc);
        return match ? [receivedEvent(doc, match)] : [];
      },
    );
    return docs.map(({ match }, i) => (duplicates.has(i) ? 'duplicate' : match ? 'matched' : 'unmatched'));
  }
}
