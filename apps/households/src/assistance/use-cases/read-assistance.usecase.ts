import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { HouseholdsStore } from '../../households/households.store';
import {
  CarePairingBody,
  CareVisitBody,
  CompleteMeasureBody,
  PlanMeasureBody,
  RelocationBody,
} from '../assistance.dto';
import { AssistanceStore } from '../assistance.store';
import { measureStatus, today } from '../domain/assistance';
import { householdIn } from './assistance-household';

export type Measure = PlanMeasureBody & { _id: string; householdId: string; at: Date; by: string };
type Completion = CompleteMeasureBody & { _id: string; householdId: string; at: Date; by: string };
export type Pairing = CarePairingBody & { _id: string; householdId: string; at: Date; by: string };
type Visit = CareVisitBody & { _id: string; householdId: string; pairingId: string; at: Date; by: string };

/** What a household's page shows of its assistance: the plan, the care pairings, the relocations. */
@Injectable()
export class ReadAssistance {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly records: AssistanceStore,
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

  /** 关爱结对 with their visits. */
  async carePairings(scope: Scope, id: string) {
    await householdIn(this.households, scope, id);
    const [pairings, visits] = await Promise.all([
      this.records.ofHousehold<Pairing>('care_pairings', id),
      this.records.ofHousehold<Visit>('care_visits', id),
    ]);
    return {
      householdId: id,
      pairings: pairings.map(({ _id, householdId, ...p }) => {
        void householdId;
        const mine = visits.filter((v) => v.pairingId === _id);
        return {
          pairingId: _id,
          ...p,
          visits: mine.map(({ _id: visitId, visitedOn, notes, by }) => ({ visitId, visitedOn, notes, by })),
          lastVisitedOn:
            mine
              .map((v) => v.visitedOn)
              .sort()
              .at(-1) ?? null,
        };
      }),
    };
  }

  /** 易地搬迁记录 (分散 / 集中安置). */
  async relocations(scope: Scope, id: string) {
    await householdIn(this.households, scope, id);
    const list = await this.records.ofHousehold<RelocationBody & { _id: string }>('relocations', id);
    return { householdId: id, relocations: list.map(({ _id, ...r }) => ({ relocationId: _id, ...r })) };
  }
}
