import { Injectable } from '@nestjs/common';
import { notFound, Scope } from '@lib/auth';
import { careFrequenciesInForce, DEFAULT_CARE_VISIT_FREQUENCY_DAYS } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { RosterQuery } from '../care-roster.dto';
import { CareRosterStore } from '../care-roster.store';
import { chinaToday, countyOf, sees } from '../domain/roster';
import { entryIn } from './roster-entry';
import { RosterViews } from './roster-views';

/** The roster as it is read: the list with due dates, one entry with its visits, a county's frequencies. */
@Injectable()
export class ReadCareRoster {
  constructor(
    private readonly roster: CareRosterStore,
    private readonly views: RosterViews,
  ) {}

  /** The roster with each person's frequency, last visit, next due day and overdue flag on `day`. */
  async list(scope: Scope, q: RosterQuery) {
    const day = q.day ?? chinaToday();
    const entries = await this.roster.list(scope, {
      townCode: q.townCode,
      villageCode: q.villageCode,
      group: q.group,
    });
    const views = await this.views.of(entries, day);
    const kept = q.overdue === undefined ? views : views.filter((v) => v.overdue === q.overdue);
    // the most overdue first, then the soonest due
    kept.sort((a, b) => b.daysOverdue - a.daysOverdue || a.dueOn.localeCompare(b.dueOn));
    return {
      day,
      items: kept.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
      total: kept.length,
      overdue: views.filter((v) => v.overdue).length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async one(scope: Scope, id: string) {
    const e = await entryIn(this.roster, scope, id);
    const [view, visits] = await Promise.all([this.views.one(e), this.roster.visitsOf(id)]);
    return {
      ...view,
      visits: visits.map((v) => ({
        visitId: v._id,
        visitedOn: v.visitedOn,
        visitor: v.visitor,
        note: v.note ?? null,
        location: v.location ?? null,
        recordedAt: v.at,
      })),
    };
  }

  /**
   * A household's people on the roster, each with their visits (newest first): what its page shows under
   * 关爱服务. The caller has seen the household; the entries are read whoever their carer is.
   */
  async ofHousehold(householdId: string) {
    const entries = await this.roster.ofHousehold(householdId);
    return Promise.all(entries.map(async (e) => ({ entry: e, visits: await this.roster.visitsOf(e._id) })));
  }

  /** The county's frequencies in force; a caller sees those of the counties their units lie in. */
  async frequencies(scope: Scope, countyCode: string | undefined) {
    const county = countyCode ?? countyOf(scope);
    if (!county) throw fieldError('countyCode', '必填（无法从当前用户推断县）');
    if (!sees(scope, county)) throw notFound(`未找到该县 (no county ${county} in your scope)`);
    const own = (await this.roster.frequenciesOf([county])).get(county) ?? {};
    return {
      countyCode: county,
      frequencies: careFrequenciesInForce(own),
      custom: own,
      defaults: DEFAULT_CARE_VISIT_FREQUENCY_DAYS,
    };
  }
}
