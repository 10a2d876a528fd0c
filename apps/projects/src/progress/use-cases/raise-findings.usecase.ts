import { Injectable, Logger } from '@nestjs/common';
import { SERVICE_SCOPE } from '@lib/auth';
import {
  CloudEvent,
  createEvent,
  ProjectBeneficiaryWithoutBenefitV1,
  ProjectMilestoneOverdueV1,
  ProjectSalesStalledV1,
} from '@lib/contracts';
import { ProgressStore, RaisedFinding } from '../progress.store';
import { ReportProgress } from './report-progress.usecase';

/** The periodic check: each finding of the progress report raised once as its event (project.*.v1, through the outbox). */
@Injectable()
export class RaiseFindings {
  private readonly logger = new Logger(RaiseFindings.name);

  constructor(
    private readonly report: ReportProgress,
    private readonly findings: ProgressStore,
  ) {}

  /**
   * Raises an event for every finding not raised before (deterministic ids; a duplicate key means
   * another run got there first). Safe to run from several instances at once.
   */
  async execute(asOf: string): Promise<{ found: number; raised: number }> {
    const r = await this.report.execute(SERVICE_SCOPE, asOf);
    const now = new Date();
    const county = (village: string) => village.slice(0, 6);
    const docs: RaisedFinding[] = [];
    const add = (key: string, kind: string, projectId: string, village: string, event: CloudEvent) =>
      docs.push({
        finding: {
          _id: key,
          kind,
          projectId,
          countyCode: county(village),
          townCode: village.slice(0, 9),
          villageCode: village,
          detectedOn: asOf,
          raisedAt: now,
        },
        event,
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
    const known = await this.findings.known(docs.map((d) => d.finding._id));
    // a duplicate: raised meanwhile by another instance
    const raised = await this.findings.raise(docs.filter((d) => !known.has(d.finding._id)));
    this.logger.log(`progress check ${asOf}: ${docs.length} findings, ${raised} raised`);
    return { found: docs.length, raised };
  }
}
