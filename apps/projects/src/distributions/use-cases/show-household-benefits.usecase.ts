import { Injectable } from '@nestjs/common';
import { notFound, Scope } from '@lib/auth';
import { FindLinks } from '../../beneficiaries/use-cases/find-links.usecase';
import { HouseholdDirectory } from '../../household-directory/household-directory';
import { present } from '../../problems';
import { FindPayments } from './find-payments.usecase';

/** What a household gets from projects (its links and payments); 404 until projects knows the household. */
@Injectable()
export class ShowHouseholdBenefits {
  constructor(
    private readonly directory: HouseholdDirectory,
    private readonly links: FindLinks,
    private readonly payments: FindPayments,
  ) {}

  async execute(scope: Scope, householdId: string) {
    const household = await this.directory.findById(scope, householdId);
    if (!household) throw notFound(`产业项目系统尚无该户 (unknown household ${householdId})`);
    const [links, paid] = await Promise.all([
      this.links.ofHousehold(scope, householdId),
      this.payments.ofHousehold(scope, householdId),
    ]);
    return {
      household: present(household),
      benefits: links.map(present),
      distributions: paid.map(({ amountFen: _fen, ...d }) => present(d)),
      totalPaid: paid.reduce((s, d) => s + d.amountFen, 0) / 100,
    };
  }
}
