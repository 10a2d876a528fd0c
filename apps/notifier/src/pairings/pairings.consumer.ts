import { Controller, Logger } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { HouseholdPairingChangedV1 } from '@lib/contracts';
import { RecordPairing } from './use-cases/record-pairing.usecase';

/** households.events.v1 → the household's paired cadres (帮扶责任人). Safe to redeliver. */
@Controller()
export class PairingsConsumer {
  private readonly logger = new Logger(PairingsConsumer.name);

  constructor(private readonly recordPairing: RecordPairing) {}

  @EventPattern(HouseholdPairingChangedV1.type)
  async onPairingChanged(e: HouseholdPairingChangedV1) {
    const applied = await this.recordPairing.apply(e);
    if (!applied)
      this.logger.debug(
        `pairing of ${e.data.householdId} v${e.data.version} is not newer than the stored one; ignored`,
      );
  }
}
