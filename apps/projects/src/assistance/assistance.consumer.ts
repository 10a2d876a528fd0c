import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { HouseholdPairingChangedV1 } from '@lib/contracts';
import { PairingsReadModel } from '@lib/persistence';
import { HouseholdDirectory } from '../household-directory/household-directory';
import { AssistanceStore } from './assistance.store';

/** households.events.v1 → the ledgers: a household's 帮扶责任人 (who of the paired cadres sees its records). */
@Controller()
export class AssistanceConsumer {
  constructor(
    private readonly directory: HouseholdDirectory,
    private readonly store: AssistanceStore,
    private readonly pairings: PairingsReadModel,
  ) {}

  @EventPattern(HouseholdPairingChangedV1.type)
  async onPairingChanged(e: HouseholdPairingChangedV1) {
    const ids = e.data.cadres.map((c) => c.userId);
    await this.directory.setPairedCadres(e.data.householdId, ids);
    await this.store.pairingChanged(e.data.householdId, ids);
    await this.pairings.apply(e); // what the guard limits a paired cadre's every read to
  }
}
