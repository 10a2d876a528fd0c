import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { present } from '../../problems';
import { GetProject } from '../../projects/use-cases/get-project.usecase';
import { OutputsStore, SalesStore } from '../records.store';

/** A project's outputs and sales, a page at a time, with their totals (the project in the caller's scope). */
@Injectable()
export class ListRecords {
  constructor(
    private readonly getProject: GetProject,
    private readonly outputs: OutputsStore,
    private readonly sales: SalesStore,
  ) {}

  async outputsOf(scope: Scope, projectId: string, page: number, pageSize: number) {
    await this.getProject.execute(scope, projectId);
    const [found, totals] = await Promise.all([
      this.outputs.list(scope, projectId, page, pageSize),
      this.outputs.totals(projectId),
    ]);
    return {
      ...found,
      items: found.items.map(present),
      totals: totals.map((t) => ({ ...t._id, quantity: t.quantity })),
    };
  }

  async salesOf(scope: Scope, projectId: string, page: number, pageSize: number) {
    await this.getProject.execute(scope, projectId);
    const [found, byChannel] = await Promise.all([
      this.sales.list(scope, projectId, page, pageSize),
      this.sales.totals(projectId),
    ]);
    return {
      ...found,
      items: found.items.map(({ amountFen: _fen, ...s }) => present(s)),
      byChannel,
      total: found.total,
      totalAmount: byChannel.reduce((a, c) => a + Math.round(c.amount * 100), 0) / 100,
    };
  }
}
