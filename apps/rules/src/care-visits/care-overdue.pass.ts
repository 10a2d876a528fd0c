import { Injectable } from '@nestjs/common';
import { careFrequenciesInForce } from '@lib/contracts';
import { Alert, openKeyOf } from '../alerts/alert.schema';
import { AlertsRepository } from '../alerts/alerts.repository';
import { CareRosterStore } from './care-roster.store';
import { careOverdueAlert } from './domain/care-overdue-alert';

/**
 * The daily 关爱走访逾期 pass (run by the Scheduler with the other time-based rules, once per day):
 * raises the alert of everyone on a roster whose visit is overdue at `day`, once per person and missed
 * due day (an open or resolved alert of the same period is not raised again).
 */
@Injectable()
export class CareOverduePass {
  constructor(
    private readonly roster: CareRosterStore,
    private readonly alerts: AlertsRepository,
  ) {}

  async run(day: string): Promise<{ careMembers: number; careRaised: number }> {
    const counties = await this.roster.allFrequencies();
    let careMembers = 0;
    let careRaised = 0;
    for await (const page of this.roster.active()) {
      careMembers += page.length;
      const due = page
        .map((m) => careOverdueAlert(m, careFrequenciesInForce(counties.get(m.countyCode)), day, openKeyOf))
        .filter((a) => a !== null);
      const open = await this.alerts.openByKeys(due.map((a) => a.openKey));
      const raise: Alert[] = due.filter((a) => !open.has(a.openKey));
      if (raise.length === 0) continue;
      const before = raise.length;
      const { reread, resolvedBefore } = await this.alerts.apply(raise, [], 'auto');
      careRaised += before - reread.size - resolvedBefore.size;
    }
    return { careMembers, careRaised };
  }
}
