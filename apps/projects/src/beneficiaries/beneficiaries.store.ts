import { ConflictException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { ScopedRepository } from '@lib/persistence';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { Beneficiary } from './beneficiaries.schema';

@Injectable()
export class BeneficiariesStore extends ScopedRepository<Beneficiary> {
  constructor(@InjectModel(Beneficiary.name) model: Model<Beneficiary>, relay: OutboxRelay) {
    super(model, { relay });
  }

  /** The link and its event in one write; 409 when the household already benefits that way. */
  async create(b: Beneficiary, events: CloudEvent[]): Promise<void> {
    if (!(await this.store.insertNew(b, events)))
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: '该户已以此方式受益于本项目 (the household already benefits from this project this way)',
        problems: [{ field: 'kind', reason: 'already linked with this kind' }],
      });
  }

  /** A household's links to one project (equality lookups). */
  ofHousehold(projectId: string, householdId: string): Promise<Beneficiary[]> {
    return this.model.find({ projectId, householdId }).lean<Beneficiary[]>().exec();
  }

  /**
   * 注销: every link of the household still running after `on` ends on `on` (no income is paid to it after);
   * links that ended earlier are left alone, so a redelivery changes nothing.
   */
  async endAllOf(householdId: string, on: string): Promise<number> {
    const res = await this.model.updateMany(
      { householdId, $or: [{ endsOn: null }, { endsOn: { $gt: on } }] },
      { $set: { endsOn: on } },
    );
    return res.modifiedCount;
  }

  ofProject(projectId: string): Promise<Beneficiary[]> {
    return this.model.find({ projectId }).sort({ linkedAt: 1 }).lean<Beneficiary[]>().exec();
  }

  /** Every project link of a household, within the scope. */
  byHousehold(scope: Scope, householdId: string): Promise<Beneficiary[]> {
    return this.model.find(this.scoped(scope, { householdId })).lean<Beneficiary[]>().exec();
  }

  list(scope: Scope, projectId: string, page: number, pageSize: number) {
    return this.page(scope, { projectId }, { linkedAt: 1, _id: 1 }, page, pageSize);
  }
}
