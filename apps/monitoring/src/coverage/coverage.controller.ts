import { Controller, Get, Query } from '@nestjs/common';
import { CallerScope, covers, notFound, Roles, Scope, seesHousehold } from '@lib/auth';
import { MonitoringPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { dueDateOf } from './domain/coverage-rule';
import { CoverageHouseholdsQuery, CoverageQuery } from './coverage.dto';
import { CoverageService, UnitField } from './coverage.service';

/** Can the caller see any part of the unit (all of it, or a town or village under it)? */
function seesAnyOf(scope: Scope, unit: string): boolean {
  if (covers(scope, unit)) return true;
  if (scope.all) return true;
  return [...scope.counties, ...scope.towns, ...scope.villages].some((u) => u.startsWith(unit));
}

@Controller()
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  /** 走访覆盖 per village of a county, town or village for a month: households, surveyed, due, overdue. */
  @Get('api/v1/coverage')
  @Roles(...MonitoringPermissions.readCoverage)
  async summary(@CallerScope() scope: Scope, @Query(new ZodValidationPipe(CoverageQuery)) q: CoverageQuery) {
    const [field, code] = (
      q.villageCode
        ? ['villageCode', q.villageCode]
        : q.townCode
          ? ['townCode', q.townCode]
          : ['countyCode', q.countyCode!]
    ) as [UnitField, string];
    if (!seesAnyOf(scope, code)) throw notFound(`无权查看或不存在该单位 (no org unit ${code} in your scope)`);
    const asOf = new Date();
    const villages = (await this.coverage.countsOf(field, code, q.month, asOf)).filter((v) =>
      covers(scope, v.villageCode),
    );
    const totals = villages.reduce(
      (t, v) => ({
        households: t.households + v.households,
        surveyed: t.surveyed + v.surveyed,
        due: t.due + v.due,
        overdue: t.overdue + v.overdue,
      }),
      { households: 0, surveyed: 0, due: 0, overdue: 0 },
    );
    return {
      month: q.month,
      unit: { level: field.replace('Code', ''), code },
      dueDate: dueDateOf(q.month, this.coverage.dueDay),
      asOf: asOf.toISOString(),
      totals,
      villages,
    };
  }

  /** The households of a village for a month, with their status (surveyed / due / overdue), paged. */
  @Get('api/v1/coverage/households')
  @Roles(...MonitoringPermissions.readCoverage)
  async households(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(CoverageHouseholdsQuery)) q: CoverageHouseholdsQuery,
  ) {
    if (!covers(scope, q.villageCode))
      throw notFound(`无权查看或不存在该村 (no village ${q.villageCode} in your scope)`);
    const rows = (await this.coverage.householdsOf(q.villageCode, q.month, new Date(), q.status)).filter(
      (r) => seesHousehold(scope, q.villageCode, r.householdId),
    );
    const start = (q.page - 1) * q.pageSize;
    return {
      month: q.month,
      villageCode: q.villageCode,
      status: q.status ?? null,
      items: rows.slice(start, start + q.pageSize),
      total: rows.length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
