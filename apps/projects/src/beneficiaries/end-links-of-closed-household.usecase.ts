import { Injectable, Logger } from '@nestjs/common';
import { HouseholdClosedV1 } from '@lib/contracts';
import { HouseholdDirectory } from '../household-directory/household-directory';
import { BeneficiariesRepository } from './beneficiaries.repository';

/**
 * 注销 (household.closed.v1, through the directory's closure listeners): the household's beneficiary links end
 * on the closure day, so no dividend or wage is paid to it after (distributions check the benefit period).
 */
@Injectable()
export class EndLinksOfClosedHousehold {
  private readonly logger = new Logger(EndLinksOfClosedHousehold.name);

  constructor(
    directory: HouseholdDirectory,
    private readonly beneficiaries: BeneficiariesRepository,
  ) {
    // in the constructor: the consumer starts before the HTTP app's init hooks run
    directory.onClosure((e) => this.execute(e));
  }

  async execute(e: HouseholdClosedV1): Promise<void> {
    const ended = await this.beneficiaries.endAllOf(e.data.householdId, e.data.on);
    if (ended > 0)
      this.logger.log(`household ${e.data.householdId} closed: ${ended} beneficiary links end ${e.data.on}`);
  }
}
