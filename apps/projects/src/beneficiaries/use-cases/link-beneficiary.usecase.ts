import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal, Scope } from '@lib/auth';
import { createEvent, ProjectBeneficiaryLinkedV1 } from '@lib/contracts';
import { refuseIfClosed } from '@lib/persistence';
import { fieldError } from '@lib/service-kit';
import { HouseholdDirectory } from '../../household-directory/household-directory';
import { present } from '../../problems';
import { GetProject } from '../../projects/use-cases/get-project.usecase';
import { LinkBeneficiaryBody } from '../beneficiaries.dto';
import { Beneficiary } from '../beneficiaries.schema';
import { BeneficiariesStore } from '../beneficiaries.store';
import { checkLink } from '../domain/beneficiary-rules';

/** Links a registered household to a project and announces it (project.beneficiary-linked.v1). */
@Injectable()
export class LinkBeneficiary {
  constructor(
    private readonly getProject: GetProject,
    private readonly directory: HouseholdDirectory,
    private readonly beneficiaries: BeneficiariesStore,
  ) {}

  async execute(scope: Scope, caller: Principal, projectId: string, body: LinkBeneficiaryBody) {
    const project = await this.getProject.execute(scope, projectId);
    // a household outside the caller's scope is as unknown as one that does not exist
    const household = await this.directory.findById(scope, body.householdId);
    if (!household) throw fieldError('householdId', '未知的户 (no such household in the registry)');
    refuseIfClosed(household, 'householdId', '不能再建立利益联结');
    const existing = body.kind === 'dividend' ? await this.beneficiaries.ofProject(projectId) : [];
    const problem = checkLink(project, household, body, existing);
    if (problem) throw fieldError(problem.field, problem.reason);
    const now = new Date();
    const b: Beneficiary = {
      _id: randomUUID(),
      projectId,
      householdId: household._id,
      householdNumber: household.householdNumber,
      householdTownCode: household.townCode,
      householdVillageCode: household.villageCode,
      kind: body.kind,
      sharePercent: body.sharePercent,
      details: body.details,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      countyCode: project.countyCode,
      townCode: project.townCode,
      villageCode: project.villageCode,
      linkedBy: caller.name || caller.sub,
      linkedAt: now,
    };
    const event = createEvent({
      type: ProjectBeneficiaryLinkedV1.type,
      source: 'projects',
      id: `beneficiary-linked:${b._id}`,
      subject: b.householdId,
      townId: b.householdTownCode,
      villageId: b.householdVillageCode,
      time: now,
      data: {
        beneficiaryId: b._id,
        projectId,
        projectName: project.name,
        projectType: project.type,
        householdId: b.householdId,
        townCode: b.householdTownCode,
        villageCode: b.householdVillageCode,
        kind: body.kind,
        sharePercent: b.sharePercent,
        details: b.details,
        startsOn: b.startsOn,
        endsOn: b.endsOn,
        linkedBy: b.linkedBy,
      } satisfies ProjectBeneficiaryLinkedV1['data'],
    });
    await this.beneficiaries.create(b, [event]);
    return present(b);
  }
}
