import { Injectable } from '@nestjs/common';
import { Scope, SERVICE_SCOPE, seesHousehold } from '@lib/auth';
import { PairingsReadModel } from '@lib/persistence';
import { PairedCadre, pairedCadres } from '../domain/paired-cadres';
import { PairingsStore } from '../pairings.store';

export interface HouseholdPairing {
  householdId: string;
  villageCode: string;
  version: number;
  changedAt: Date | null;
  cadres: PairedCadre[];
}

/** A household's paired cadres (帮扶责任人) with their names: the shared pairing record joined with the names. */
@Injectable()
export class FindPairedCadres {
  constructor(
    private readonly pairings: PairingsReadModel,
    private readonly names: PairingsStore,
  ) {}

  /** Null when no pairing is known for the household, or the scope does not see it. */
  async of(householdId: string, scope: Scope = SERVICE_SCOPE): Promise<HouseholdPairing | null> {
    const p = await this.pairings.find(householdId);
    if (!p || !seesHousehold(scope, p.villageCode, p._id)) return null;
    return {
      householdId: p._id,
      villageCode: p.villageCode,
      version: p.version,
      changedAt: p.changedAt ?? null,
      cadres: pairedCadres(p.cadreIds, await this.names.namesOf(p.cadreIds)),
    };
  }
}
