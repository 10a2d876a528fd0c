import { Controller, Injectable } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ClosedHouseholds, ScopedRepository } from '@lib/persistence';
import { HouseholdClosedV1, HouseholdRegisteredV1 } from '@lib/contracts';
import { KnownHousehold } from './known-household.schema';

/** The households projects knows of; reads are within the caller's scope. */
@Injectable()
export class HouseholdDirectory extends ScopedRepository<KnownHousehold> {
  constructor(@InjectModel(KnownHousehold.name) model: Model<KnownHousehold>) {
    super(model);
    this.closures = new ClosedHouseholds(this.store);
  }

  private readonly closures: ClosedHouseholds<KnownHousehold>;

  /** Idempotent: a redelivered registration changes nothing ($setOnInsert on the household id). */
  async registered(e: HouseholdRegisteredV1): Promise<void> {
    const d = e.data;
    await this.model.updateOne(
      { _id: d.householdId },
      {
        $setOnInsert: {
          householdNumber: d.householdNumber,
          countyCode: d.countyCode,
          townCode: d.townCode,
          villageCode: d.villageCode,
          householdType: d.householdType,
          monitoringCategory: d.monitoringCategory,
          memberCount: d.memberCount,
          registeredAt: new Date(d.registeredAt),
        },
      },
      { upsert: true },
    );
  }

  /**
   * 注销: the household is marked closed (the first closure kept), then the closure listeners run (the
   * beneficiary links end), on every delivery: they are idempotent.
   */
  async closed(e: HouseholdClosedV1): Promise<void> {
    await this.closures.mark(e);
    for (const listener of this.closureListeners) await listener(e);
  }

  private readonly closureListeners: Array<(e: HouseholdClosedV1) => Promise<void>> = [];

  /** Features that must act when a household is closed (beneficiary links). */
  onClosure(listener: (e: HouseholdClosedV1) => Promise<void>): void {
    this.closureListeners.push(listener);
  }

  /** The household's paired cadres (帮扶责任人), when projects knows it. */
  async setPairedCadres(householdId: string, cadreIds: string[]): Promise<void> {
    await this.model.updateOne({ _id: householdId }, { $set: { pairedCadreIds: cadreIds } });
  }
}

@Controller()
export class HouseholdDirectoryHandlers {
  constructor(private readonly directory: HouseholdDirectory) {}

  @EventPattern(HouseholdRegisteredV1.type)
  onRegistered(e: HouseholdRegisteredV1) {
    return this.directory.registered(e);
  }

  /** 注销: its beneficiary links end at the closure day. */
  @EventPattern(HouseholdClosedV1.type)
  onClosed(e: HouseholdClosedV1) {
    return this.directory.closed(e);
  }
}
