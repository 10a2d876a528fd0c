import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope, SERVICE_SCOPE } from '@lib/auth';
import {
  CloudEvent,
  createEvent,
  ProjectBeneficiaryWithoutBenefitV1,
  ProjectMilestoneOverdueV1,
  ProjectSalesStalledV1,
} from '@lib/contracts';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { Store } from '@lib/persistence';
import { Inject } from '@nestjs/common';
import { BeneficiariesRepository } from '../beneficiaries/beneficiaries.repository';
import { Beneficiary } from '../beneficiaries/beneficiary.schema';
import { PROJECTS_CONFIG, ProjectsConfig } from '../config';
import { DistributionsRepository } from '../distributions/distributions.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { SalesRepository } from '../records/records.repository';
import { ProgressFinding } from './finding.schema';
import { overdueMilestones, stalledSales, withoutBenefit } from './progress-rules';

const CHECKED = ['planning', 'active'];

/** The progress report (overdue milestones, stalled sales, beneficiaries without benefit) and its events. */
@Injectable()
export class ProgressService implements OnModuleInit {
  private readonly logger = new Logger(ProgressService.name);

  constructor(
    private readonly projects: ProjectsRepository,
    private readonly beneficiaries: BeneficiariesRepository,
    private readonly sales: SalesRepository,
    private readonly distributions: DistributionsRepository,
    private readonly relay: OutboxRelay,
    @InjectModel(ProgressFinding.name) private readonly findings: Model<ProgressFinding>,
    @Inject(PROJECTS_CONFIG) private readonly config: ProjectsConfig,
  ) {}

  onModuleInit() {
    this.findingStore = Store.of(this.findings, { relay: this.relay });
  }

  private findingStore!: Store<ProgressFinding>;

  /** What is late or missing on `asOf`, within the scope. */
  async report(scope: Scope, asOf: string, villageCode?: string) {
    const projects = await this.projects.allOf(scope, CHECKED, villageCode);
    const lastSale = new Map<string, string | null>();
    const links: Beneficiary[] = [];
    for (const p of projects) {
      if (p.status === 'active') lastSale.set(p._id, await this.sales.lastSaleOn(p._id));
      links.push(...(await this.beneficiaries.ofProject(p._id)));
    }
    const paid = await this.distributions.paidInYear(Number(asOf.slice(0, 4)));
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

  /**
   * Raises an event for every finding not raised before (deterministic ids; a duplicate key means
   * another run got there first). Safe to run from several instances at once.
   */
  async raise(asOf: string): Promise<{ found: number; raised: number }> {
    const r = await this.report(SERVICE_SCOPE, asOf);
    const now = new Date();
    const county = (village: string) => village.slice(0, 6);
    const docs: Array<ProgressFinding & Record<string, unknown>> = [];
    const add = (key: string, kind: string, projectId: string, village: string, event: CloudEvent) =>
      docs.push({
        _id: key,
        kind,
        projectId,
        countyCode: county(village),
        townCode: village.slice(0, 9),
        villageCode: village,
        detectedOn: asOf,
        raisedAt: now,
        ...outboxOnInsert([event]),
      });
    for (const f of r.overdueMilestones)
      add(
        f.key,
        'milestone-overdue',
        f.projectId,
        f.villageCode,
        createEvent({
          type: ProjectMilestoneOverdueV1.type,
          source: 'projects',
          id: f.key,
          subject: f.projectId,
          townId: f.townCode,
          villageId: f.villageCode,
          time: now,
          data: {
            projectId: f.projectId,
            projectName: f.projectName,
            milestoneId: f.milestoneId,
            title: f.title,
            dueOn: f.dueOn,
            townCode: f.townCode,
            villageCode: f.villageCode,
            detectedOn: asOf,
            daysOverdue: f.daysOverdue,
            beneficiaryHouseholdIds: f.beneficiaryHouseholdIds,
          } satisfies ProjectMilestoneOverdueV1['data'],
        }),
      );
    for (const f of r.projectsWithoutSales)
      add(
        f.key,
        'sales-stalled',
        f.projectId,
        f.villageCode,
        createEvent({
          type: ProjectSalesStalledV1.type,
          source: 'projects',
          id: f.key,
          subject: f.projectId,
          townId: f.townCode,
          villageId: f.villageCode,
          time: now,
          data: {
            projectId: f.projectId,
            projectName: f.projectName,
            townCode: f.townCode,
            villageCode: f.villageCode,
            lastSaleOn: f.lastSaleOn,
            months: f.months,
            period: f.period,
            detectedOn: asOf,
            beneficiaryHouseholdIds: f.beneficiaryHouseholdIds,
          } satisfies ProjectSalesStalledV1['data'],
        }),
      );
    for (const f of r.beneficiariesWithoutBenefit)
      add(
        f.key,
        'beneficiary-without-benefit',
        f.projectId,
        f.villageCode,
        createEvent({
          type: ProjectBeneficiaryWithoutBenefitV1.type,
          source: 'projects',
          id: f.key,
          subject: f.householdId,
          townId: f.townCode,
          villageId: f.villageCode,
          time: now,
          data: {
            beneficiaryId: f.beneficiaryId,
            projectId: f.projectId,
            projectName: f.projectName,
            householdId: f.householdId,
            townCode: f.townCode,
            villageCode: f.villageCode,
            kind: f.kind as ProjectBeneficiaryWithoutBenefitV1['data']['kind'],
            year: f.year,
            detectedOn: asOf,
          } satisfies ProjectBeneficiaryWithoutBenefitV1['data'],
        }),
      );
    if (docs.length === 0) return { found: 0, raised: 0 };
    // one point lookup per finding, then one insert of the new ones (most are old after the first run)
    const known = new Set<string>();
    for (const d of docs)
      if (await this.findingStore.findOne({ _id: d._id }, { projection: { _id: 1 } })) known.add(d._id);
    const fresh = docs.filter((d) => !known.has(d._id));
    let raised = fresh.length;
    if (fresh.length > 0) {
      // a duplicate: raised meanwhile by another instance
      raised -= (await this.findingStore.insertManyNew(fresh)).duplicates.length;
      this.relay.kick();
    }
    this.logger.log(`progress check ${asOf}: ${docs.length} findings, ${raised} raised`);
    return { found: docs.length, raised };
  }
}
