import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { Distribution } from '../distributions.schema';
import { DistributionsStore } from '../distributions.store';

/** Read-only: the payments made (收益分配). Exported: the progress check asks what each link was paid in a year. */
@Injectable()
export class FindPayments {
  constructor(private readonly distributions: DistributionsStore) {}

  /** Amount (fen) per beneficiary link paid in a year. */
  paidInYear(year: number): Promise<Map<string, number>> {
    return this.distributions.paidInYear(year);
  }

  /** A household's payments, within the scope, newest first. */
  ofHousehold(scope: Scope, householdId: string): Promise<Distribution[]> {
    return this.distributions.ofHousehold(scope, householdId);
  }

  /** One page of a project's payments, within the scope. */
  page(
    scope: Scope,
    projectId: string,
    filter: { householdId?: string; year?: number },
    page: number,
    pageSize: number,
  ) {
    return this.distributions.list(scope, projectId, filter, page, pageSize);
  }
}
