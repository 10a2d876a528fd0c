import { Inject, Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { FindLinks } from '../../beneficiaries/use-cases/find-links.usecase';
import { Beneficiary } from '../../beneficiaries/beneficiaries.schema';
import { PROJECTS_CONFIG, ProjectsConfig } from '../../config';
import { FindPayments } from '../../distributions/use-cases/find-payments.usecase';
import { ListProjects } from '../../projects/use-cases/list-projects.usecase';
import { FindLastSale } from '../../records/use-cases/find-last-sale.usecase';
import { overdueMilestones, stalledSales, withoutBenefit } from '../domain/progress-rules';

const CHECKED = ['planning', 'active'];

/** The progress report: overdue milestones, stalled sales, beneficiaries without benefit (read-only). */
@Injectable()
export class ReportProgress {
  constructor(
    private readonly projects: ListProjects,
    private readonly links: FindLinks,
    private readonly lastSale: FindLastSale,
    private readonly payments: FindPayments,
    @Inject(PROJECTS_CONFIG) private readonly config: ProjectsConfig,
  ) {}

  /** What is late or missing on `asOf`, within the scope. */
  async execute(scope: Scope, asOf: string, villageCode?: string) {
    const projects = await this.projects.withStatus(scope, CHECKED, villageCode);
    const lastSale = new Map<string, string | null>();
    const links: Beneficiary[] = [];
    for (const p of projects) {
      if (p.status === 'active') lastSale.set(p._id, await this.lastSale.execute(p._id));
      links.push(...(await this.links.ofProject(p._id)));
    }
    const paid = await this.payments.paidInYear(Number(asOf.slice(0, 4)));
    const months = this.config.PROJECTS_SALES_STALLED_MONTHS;
    const householdsOf = (projectId: string) => [
      ...new Set(links.filter((l) => l.projectId === projectId).map((l) => l.householdId)),
    ];
    return {
      asOf,
      overdueMilestones: overdueMilestones(projects, asOf).map((f) => ({
        ...f,
        beneficiaryHouseholdIds: householdsOf(f.projectId),
      })),
      projectsWithoutSales: stalledSales(projects, lastSale, months, asOf).map((f) => ({
        ...f,
        beneficiaryHouseholdIds: householdsOf(f.projectId),
      })),
      beneficiariesWithoutBenefit: withoutBenefit(
        projects,
        links,
        new Set(paid.keys()),
        this.config.PROJECTS_BENEFIT_GRACE_DAYS,
        asOf,
      ),
    };
  }
}
