import { Injectable } from '@nestjs/common';
import { HouseholdPairingChangedV1 } from '@lib/contracts';
import { PairingsReadModel } from '@lib/persistence';
import { HouseholdDirectory } from '../../household-directory/household-directory';
import { AssistanceStore } from '../assistance.store';

/** A household's 帮扶责任人 changed: the directory, its records and the pairings the guard reads follow. */
@Injectable()
export class FollowPairing {
  constructor(
    private readonly directory: HouseholdDirectory,
    private readonly store: AssistanceStore,
    private readonly pairings: PairingsReadModel,
  ) {}

  async execute(e: HouseholdPairingChangedV1): Promise<void> {
    const ids = e.data.cadres.map((c) => c.userId);
    // each copy keeps the newest version it was given: an older event read later changes none
    await this.directory.setPairedCadres(e.data.householdId, ids, e.data.version);
    await this.store.pairingChanged(e.data.householdId, ids, e.data.version);
    await this.pairings.apply(e); // what the guard limits a paired cadre's every read to
  }
}
