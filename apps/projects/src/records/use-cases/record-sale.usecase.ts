import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal, Scope } from '@lib/auth';
import { ProjectsClock } from '../../clock';
import { present, problemsError } from '../../problems';
import { GetProject } from '../../projects/use-cases/get-project.usecase';
import { dateProblem } from '../domain/record-dates';
import { RecordSaleBody } from '../records.dto';
import { Sale } from '../records.schema';
import { SalesStore } from '../records.store';

/** 销售: records a sale of a project in scope (dated from its start to today). */
@Injectable()
export class RecordSale {
  constructor(
    private readonly getProject: GetProject,
    private readonly sales: SalesStore,
    private readonly clock: ProjectsClock,
  ) {}

  async execute(scope: Scope, caller: Principal, projectId: string, body: RecordSaleBody) {
    const p = await this.getProject.execute(scope, projectId);
    const problem = dateProblem('soldOn', body.soldOn, p.startsOn, this.clock.today());
    if (problem) throw problemsError([problem]);
    const s: Sale = {
      _id: randomUUID(),
      projectId,
      ...body,
      amountFen: Math.round(body.amount * 100),
      countyCode: p.countyCode,
      townCode: p.townCode,
      villageCode: p.villageCode,
      recordedBy: caller.name || caller.sub,
      recordedAt: new Date(),
    };
    await this.sales.create(s);
    const { amountFen: _fen, ...shown } = s;
    return present(shown);
  }
}
