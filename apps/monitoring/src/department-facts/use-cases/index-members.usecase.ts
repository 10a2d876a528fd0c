import { Injectable } from '@nestjs/common';
import { SERVICE_SCOPE } from '@lib/auth';
import { HouseholdMemberAddedV1, HouseholdMemberRemovedV1, HouseholdRegisteredV1 } from '@lib/contracts';
import { HouseholdDirectory } from '../../household-directory/household-directory.store';
import { DepartmentFact, MemberHash } from '../department-fact.schema';
import { DepartmentFactsStore } from '../department-facts.store';
import { FactMatch, receivedEvent } from '../domain/fact-events';

/**
 * The member-hash index from the registry's events (household.registered.v1, member added/removed),
 * and the facts that were waiting for a household matched once it (or the member) is known.
 */
@Injectable()
export class IndexMembers {
  constructor(
    private readonly store: DepartmentFactsStore,
    private readonly directory: HouseholdDirectory,
  ) {}

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
    await this.store.addMembers(entries);
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
    await this.store.addMembers([entry]);
    await this.rematch(d.householdId, entry.countyCode, [entry]);
  }

  async memberRemoved(e: HouseholdMemberRemovedV1): Promise<void> {
    if (e.data.idNumberHash) await this.store.removeMember(`${e.data.idNumberHash}:${e.data.householdId}`);
  }

  /** Matches the household's unmatched facts (by member hash or by household id), each with its event. */
  private async rematch(householdId: string, countyCode: string, entries: MemberHash[]) {
    const candidates: Array<{ fact: DepartmentFact; match: FactMatch }> = [];
    const known = await this.directory.findById(SERVICE_SCOPE, householdId);
    for (const m of entries) {
      const facts = await this.store.unmatched({ idNumberHash: m.hash }, countyCode);
      for (const fact of facts) candidates.push({ fact, match: m });
    }
    if (known) {
      const named = await this.store.unmatched({ requestedHouseholdId: householdId }, countyCode);
      for (const fact of named)
        candidates.push({
          fact,
          match: { householdId, memberId: null, townCode: known.townCode, villageCode: known.villageCode },
        });
    }
    const now = new Date();
    for (const { fact, match } of candidates) {
      await this.store.markMatched(fact._id, match, now, [receivedEvent(fact, match)]);
    }
  }
}
