import { Injectable } from '@nestjs/common';
import { HouseholdPairingChangedV1 } from '@lib/contracts';
import { PairingsReadModel } from '@lib/persistence';
import { PairingsStore } from '../pairings.store';

/**
 * A household's pairing changed (household.pairing-changed.v1, the full current list): the cadres' names go
 * to the notifier's own store first, then which cadres the household has to the shared pairing record, so a
 * planner that sees the new cadres also finds their names. Idempotent and order-safe (newest wins in both).
 */
@Injectable()
export class RecordPairing {
  constructor(
    private readonly names: PairingsStore,
    private readonly pairings: PairingsReadModel,
  ) {}

  /** True if the pairing was newer than the stored one (and so applied). */
  async apply(e: HouseholdPairingChangedV1): Promise<boolean> {
    const d = e.data;
    await this.names.rememberNames(d.cadres, new Date(d.at));
    return this.pairings.apply(e);
  }
}
