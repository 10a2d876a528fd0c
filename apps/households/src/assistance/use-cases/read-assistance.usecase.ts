import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { ReadCareRoster } from '../../care-roster/use-cases/read-care-roster.usecase';
import { HouseholdsStore } from '../../households/households.store';
import { CompleteMeasureBody, PlanMeasureBody, RelocationBody } from '../assistance.dto';
import { AssistanceStore } from '../assistance.store';
import { measureStatus, today } from '../domain/assistance';
import { householdIn } from './assistance-household';

export type Measure = PlanMeasureBody & { _id: string; householdId: string; at: Date; by: string };
type Completion = CompleteMeasureBody & { _id: string; householdId: string; at: Date; by: string };

/** What a household's page shows of its assistance: the plan, the care pairings, the relocations. */
@Injectable()
export class ReadAssistance {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly records: AssistanceStore,
    private readonly roster: ReadCareRoster,
  ) {}

  /** The plan: every measure with its status (planned / in_progress / overdue / completed). */
  async plan(scope: Scope, id: string) {
    await householdIn(this.households, scope, id);
    const [measures, completions] = await Promise.all([
      this.records.ofHousehold<Measure>('plan_measures', id),
      this.records.ofHousehold<Completion>('plan_measure_completions', id),
    ]);
    const done = new Map(completions.map((c) => [c._id, c]));
    return {
      householdId: id,
      measures: measures.map(({ _id, householdId, at, ...m }) => {
        void householdId;
        const c = done.get(_id);
        return {
          measureId: _id,
          ...m,
          addedAt: at,
          status: measureStatus(m, !!c, today()),
          ...(c ? { completedOn: c.completedOn, result: c.result } : {}),
        };
      }),
    };
  }

  /** 关爱结对 with their visits: the household's people on the 关爱服务名册. */
  async carePairings(scope: Scope, id: string) {
    await householdIn(this.households, scope, id);
    const onRoster = await this.roster.ofHousehold(id);
    return {
      householdId: id,
      pairings: onRoster.map(({ entry: e, visits }) => ({
        pairingId: e._id,
        memberId: e.memberId,
        group: e.group,
        carer: e.carer,
        since: e.since,
        countyCode: e.countyCode,
        townCode: e.townCode,
        villageCode: e.villageCode,
        at: e.addedAt,
        by: e.addedBy,
        visits: visits
          .map((v) => ({ visitId: v._id, visitedOn: v.visitedOn, notes: v.note, by: v.by }))
          .reverse(),
        lastVisitedOn: e.lastVisitedOn,
      })),
    };
  }

  /** 易地搬迁记录 (分散 / 集中安置). */
  async relocations(scope: Scope, id: string) {
    await householdIn(this.households, scope, id);
    const list = await this.records.ofHousehold<RelocationBody & { _id: string }>('relocations', id);
    return { householdId: id, relocations: list.map(({ _id, ...r }) => ({ relocationId: _id, ...r })) };
  }
}
