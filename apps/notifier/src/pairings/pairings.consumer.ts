import { Controller, Logger } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { HouseholdPairingChangedV1, orgUnitsOfVillage } from '@lib/contracts';
import { PairingsStore } from './pairings.store';

/** households.events.v1 → the pairing read model (帮扶责任人 of each household). Safe to redeliver. */
@Controller()
export class PairingsConsumer {
  private readonly logger = new Logger(PairingsConsumer.name);

  constructor(private readonly pairings: PairingsStore) {}

  @EventPattern(HouseholdPairingChangedV1.type)
  async onPairingChanged(e: HouseholdPairingChangedV1) {
    const d = e.data;
    const applied = await this.pairings.apply({
      _id: d.householdId,
      countyCode: orgUnitsOfVillage(d.villageCode).countyCode,
      townCode: d.townCode,
      villageCode: d.villageCode,
      cadres: d.cadres.map(({ userId, name, orgUnit }) => ({ userId, name, orgUnit })),
      version: d.version,
      changedAt: new Date(d.at),
      eventId: e.id,
    });
    if (!applied)
      this.logger.debug(
        `pairing of ${d.householdId} v${d.version} is not newer than the stored one; ignored`,
      );
  }
}
