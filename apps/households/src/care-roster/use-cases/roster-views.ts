import { Injectable } from '@nestjs/common';
import { careFrequenciesInForce, careVisitStatus } from '@lib/contracts';
import { HouseholdsStore } from '../../households/households.store';
import { CareRosterStore } from '../care-roster.store';
import { chinaToday, RosterEntry } from '../domain/roster';

/**
 * How the roster answers for its entries: each with the person's number, name, sex, birth date and masked
 * ID number (from households), the county's frequency in force, the last visit, next due day and overdue.
 */
@Injectable()
export class RosterViews {
  constructor(
    private readonly roster: CareRosterStore,
    private readonly households: HouseholdsStore,
  ) {}

  async one(e: RosterEntry) {
    const [v] = await this.of([e], chinaToday());
    return v;
  }

  async of(entries: RosterEntry[], day: string) {
    const [people, counties] = await Promise.all([
      this.households.people(entries.map((e) => e.householdId)),
      this.roster.frequenciesOf(entries.map((e) => e.countyCode)),
    ]);
    return entries.map((e) => {
      const p = people.get(`${e.householdId}|${e.memberId}`);
      const status = careVisitStatus(e, careFrequenciesInForce(counties.get(e.countyCode)), day);
      return {
        rosterId: e._id,
        householdId: e.householdId,
        householdNumber: p?.householdNumber ?? null,
        memberId: e.memberId,
        name: p?.name ?? null,
        sex: p?.sex ?? null,
        birthDate: p?.birthDate ?? null,
        idNumber: p?.idNumber ?? null,
        countyCode: e.countyCode,
        townCode: e.townCode,
        villageCode: e.villageCode,
        group: e.group,
        carer: e.carer,
        since: e.since,
        lastVisitedOn: e.lastVisitedOn,
        ...status,
      };
    });
  }
}
