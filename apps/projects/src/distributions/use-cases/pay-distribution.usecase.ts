import { ConflictException, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Principal, Scope } from '@lib/auth';
import { createEvent, ProjectDistributionPaidV1 } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { FindLinks } from '../../beneficiaries/use-cases/find-links.usecase';
import { ProjectsClock } from '../../clock';
import { present } from '../../problems';
import { GetProject } from '../../projects/use-cases/get-project.usecase';
import { checkDistribution } from '../domain/distribution-rules';
import { PayDistributionBody } from '../distributions.dto';
import { Distribution } from '../distributions.schema';
import { DistributionsStore } from '../distributions.store';

/** A UUID derived from the project and the client's Idempotency-Key: the same request, the same id. */
export function distributionIdOf(projectId: string, idempotencyKey: string): string {
  const h = createHash('sha256').update(`${projectId}\n${idempotencyKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const samePayment = (d: Distribution, projectId: string, b: PayDistributionBody) =>
  d.projectId === projectId &&
  d.householdId === b.householdId &&
  d.kind === b.kind &&
  d.amountFen === Math.round(b.amount * 100) &&
  d.paidOn === b.paidOn;

/**
 * Pays a beneficiary household (分红 / 工资 / 租金 / 收购款) and announces it as
 * project.distribution-paid.v1 through the outbox. A retry with the same id returns the first
 * payment and pays nothing again.
 */
@Injectable()
export class PayDistribution {
  constructor(
    private readonly getProject: GetProject,
    private readonly links: FindLinks,
    private readonly distributions: DistributionsStore,
    private readonly clock: ProjectsClock,
  ) {}

  async execute(
    scope: Scope,
    caller: Principal,
    projectId: string,
    body: PayDistributionBody,
    idempotencyKey: string | undefined,
  ): Promise<{ replayed: boolean; distribution: ReturnType<typeof present<Distribution>> }> {
    const project = await this.getProject.execute(scope, projectId);
    const id =
      body.distributionId ?? (idempotencyKey ? distributionIdOf(projectId, idempotencyKey) : randomUUID());
    const replay = await this.replayOf(id, projectId, body);
    if (replay) return replay;

    const links = await this.links.ofHouseholdInProject(projectId, body.householdId);
    const check = checkDistribution(project, links, body, this.clock.today());
    if (!check.ok) throw fieldError(check.problem.field, check.problem.reason);
    const link = links.find((l) => l._id === check.link._id)!;

    const now = new Date();
    const d: Distribution = {
      _id: id,
      projectId,
      projectName: project.name,
      householdId: body.householdId,
      beneficiaryId: link._id,
      kind: body.kind,
      amount: body.amount,
      amountFen: Math.round(body.amount * 100),
      paidOn: body.paidOn,
      year: Number(body.paidOn.slice(0, 4)),
      note: body.note,
      householdTownCode: link.householdTownCode,
      householdVillageCode: link.householdVillageCode,
      countyCode: project.countyCode,
      townCode: project.townCode,
      villageCode: project.villageCode,
      recordedBy: caller.name || caller.sub,
      recordedAt: now,
    };
    const event = createEvent({
      type: ProjectDistributionPaidV1.type,
      source: 'projects',
      id: `distribution-paid:${id}`,
      subject: d.householdId,
      townId: d.householdTownCode,
      villageId: d.householdVillageCode,
      time: now,
      data: {
        distributionId: id,
        projectId,
        projectName: project.name,
        householdId: d.householdId,
        townCode: d.householdTownCode,
        villageCode: d.householdVillageCode,
        kind: body.kind,
        amount: body.amount,
        paidOn: body.paidOn,
        recordedBy: d.recordedBy,
      } satisfies ProjectDistributionPaidV1['data'],
    });
    if (await this.distributions.insert(d, [event])) return { replayed: false, distribution: present(d) };
    // a concurrent request with the same id won the race
    const raced = await this.replayOf(id, projectId, body);
    if (raced) return raced;
    throw this.conflict();
  }

  private async replayOf(id: string, projectId: string, body: PayDistributionBody) {
    const existing = await this.distributions.byId(id);
    if (!existing) return null;
    if (!samePayment(existing, projectId, body)) throw this.conflict();
    return { replayed: true, distribution: present(existing) };
  }

  private conflict() {
    return new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message:
        '该发放编号已用于另一笔发放 (this distribution id / idempotency key was used for a different payment)',
      problems: [{ field: 'distributionId', reason: 'already used for a different payment' }],
    });
  }
}
