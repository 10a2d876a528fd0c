import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { Beneficiary } from '../beneficiaries.schema';
import { BeneficiariesStore } from '../beneficiaries.store';

/**
 * Read-only: the beneficiary links (受益户) of a project or a household. Exported: distributions pay
 * along them, the progress check looks for links without benefit.
 */
@Injectable()
export class FindLinks {
  constructor(private readonly beneficiaries: BeneficiariesStore) {}

  /** A project's links, oldest first. */
  ofProject(projectId: string): Promise<Beneficiary[]> {
    return this.beneficiaries.ofProject(projectId);
  }

  /** A household's links to one project. */
  ofHouseholdInProject(projectId: string, householdId: string): Promise<Beneficiary[]> {
    return this.beneficiaries.ofHousehold(projectId, householdId);
  }

  /** Every project link of a household, within the scope. */
  ofHousehold(scope: Scope, householdId: string): Promise<Beneficiary[]> {
    return this.beneficiaries.byHousehold(scope, householdId);
  }

  /** One page of a project's links, within the scope. */
  page(scope: Scope, projectId: string, page: number, pageSize: number) {
    return this.beneficiaries.list(scope, projectId, page, pageSize);
  }
}
