import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal, Scope } from '@lib/auth';
import { ProjectsClock } from '../../clock';
import { present, problemsError } from '../../problems';
import { GetProject } from '../../projects/use-cases/get-project.usecase';
import { dateProblem } from '../domain/record-dates';
import { RecordOutputBody } from '../records.dto';
import { Output } from '../records.schema';
import { OutputsStore } from '../records.store';

/** 产出: records a stocking, harvest or production of a project in scope (dated from its start to today). */
@Injectable()
export class RecordOutput {
  constructor(
    private readonly getProject: GetProject,
    private readonly outputs: OutputsStore,
    private readonly clock: ProjectsClock,
  ) {}

  async execute(scope: Scope, caller: Principal, projectId: string, body: RecordOutputBody) {
    const p = await this.getProject.execute(scope, projectId);
    const problem = dateProblem('recordedOn', body.recordedOn, p.startsOn, this.clock.today());
    if (problem) throw problemsError([problem]);
    const o: Output = {
      _id: randomUUID(),
      projectId,
      ...body,
      countyCode: p.countyCode,
      townCode: p.townCode,
      villageCode: p.villageCode,
      recordedBy: caller.name || caller.sub,
      recordedAt: new Date(),
    };
    await this.outputs.create(o);
    return present(o);
  }
}
