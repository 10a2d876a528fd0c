import { Injectable } from '@nestjs/common';
import { SERVICE_SCOPE } from '@lib/auth';
import { HouseholdMemberAddedV1, HouseholdMemberRemovedV1, HouseholdRegisteredV1 } from '@lib/contracts';
import { HouseholdDirectory } from '../../household-directory/household-directory.store';
import { DepartmentFact, MemberHash } from '../department-fact.schema';
import { DepartmentFactsStore } from '../department-facts.store';
import { FactMatch, receivedEvent } from '../domain/fact-events';
import { addedMemberHash, memberHashId, registeredMemberHashes } from '../domain/member-index';
import { MemberIndex } from '../member-index.store';

/**
 * The member-hash index from the registry's events (household.registered.v1, member added/removed; the
 * entries as domain/member-index.ts folds them for a replay), and the facts that were waiting for a
 * household matched once it (or the member) is known.
 */
@Injectable()
export class IndexMembers {
  constructor(
    private readonly store: DepartmentFactsStore,
    private readonly members: MemberIndex,
    private readonly directory: HouseholdDirectory,
  ) {}

  /** Member hashes of a new household, then any unmatched fact about them or naming the household. */
  async householdRegistered(e: HouseholdRegisteredV1): Promise<void> {
    const entries = registeredMemberHashes(e.data);
    await this.members.add(entries);
    await this.rematch(e.data.householdId, e.data.countyCode, entries);
  }

  async memberAdded(e: HouseholdMemberAddedV1): Promise<void> {
    const entry = addedMemberHash(e.data);
    if (!entry) return;
    await this.members.add([entry]);
    await this.rematch(entry.householdId, entry.countyCode, [entry]);
  }

  async memberRemoved(e: HouseholdMemberRemovedV1): Promise<void> {
    if (e.data.idNumberHash) await this.members.remove(memberHashId(e.data.idNumberHash, e.data.householdId));
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
