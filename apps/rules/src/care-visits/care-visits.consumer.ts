import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import {
  CareFrequenciesSetV1,
  CareRosterMemberAddedV1,
  CareRosterMemberChangedV1,
  CareRosterMemberRemovedV1,
  HouseholdCareVisitRecordedV1,
} from '@lib/contracts';
import { AlertsRepository } from '../alerts/alerts.repository';
import { CareRosterStore } from './care-roster.store';
import { CARE_OVERDUE_RULE } from './domain/care-overdue-alert';

/**
 * households.events.v1, the care roster (additive to rules' evaluation, which it does not touch):
 * keeps rules' copy of the roster and the counties' frequencies for the daily 关爱走访逾期 pass; a newer
 * visit, or the person leaving the roster, resolves the open overdue alert. Safe to redeliver.
 */
@Controller()
export class CareVisitsConsumer {
  constructor(
    private readonly roster: CareRosterStore,
    private readonly alerts: AlertsRepository,
  ) {}

  private async resolveOpen(rosterId: string, note: string) {
    const open = ((await this.alerts.unresolvedOf([rosterId])).get(rosterId) ?? []).filter(
      (a) => a.ruleId === CARE_OVERDUE_RULE,
    );
    if (open.length) await this.alerts.resolve(open, 'auto', note);
  }

  @EventPattern(CareRosterMemberAddedV1.type)
  async onAdded(e: CareRosterMemberAddedV1) {
    await this.roster.upsert(e.data);
  }

  @EventPattern(CareRosterMemberChangedV1.type)
  async onChanged(e: CareRosterMemberChangedV1) {
    await this.roster.upsert(e.data);
  }

  @EventPattern(CareRosterMemberRemovedV1.type)
  async onRemoved(e: CareRosterMemberRemovedV1) {
    await this.roster.remove(e.data.rosterId);
    await this.resolveOpen(e.data.rosterId, `已移出关爱服务名册：${e.data.reason}`);
  }

  @EventPattern(HouseholdCareVisitRecordedV1.type)
  async onVisit(e: HouseholdCareVisitRecordedV1) {
    // pairingId is the roster entry's id (visits of a household's own care pairings are not on a roster)
    if (await this.roster.visited(e.data.pairingId, e.data.visitedOn))
      await this.resolveOpen(e.data.pairingId, `已于 ${e.data.visitedOn} 走访`);
  }

  @EventPattern(CareFrequenciesSetV1.type)
  async onFrequencies(e: CareFrequenciesSetV1) {
    await this.roster.setFrequencies(e.data.countyCode, e.data.frequencies, e.data.at);
  }
}
