import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { HouseholdPairingChangedV1 } from '@lib/contracts';
import { FollowPairing } from './use-cases/follow-pairing.usecase';

/** households.events.v1 → the ledgers: a household's 帮扶责任人 (who of the paired cadres sees its records). */
@Controller()
export class AssistanceConsumer {
  constructor(private readonly followPairing: FollowPairing) {}

  @EventPattern(HouseholdPairingChangedV1.type)
  onPairingChanged(e: HouseholdPairingChangedV1) {
    return this.followPairing.execute(e);
  }
}
