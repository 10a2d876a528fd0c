import { Controller, Injectable } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { KnownHouseholds } from '@lib/persistence';
import { HouseholdClosedV1, HouseholdRegisteredV1 } from '@lib/contracts';
import { olderPairingThan, registeredHousehold } from './domain/household-directory-fold';
import { KnownHousehold } from './known-household.schema';

/**
 * The households projects knows of; reads are within the caller's scope. Every read and write goes to
 * the collection in use: `known_households` until a replay rebuilt it into another (`npm run replay --
 * projects household-directory`, replay/household-directory-pointer.ts switches it over).
 */
@Injectable()
export class HouseholdDirectory extends KnownHouseholds<KnownHousehold> {
  constructor(
    @InjectModel(KnownHousehold.name) model: Model<KnownHousehold>,
    @InjectConnection() connection: Connection,
  ) {
    super(model, connection);
  }

  /** Idempotent: a redelivered registration changes nothing ($setOnInsert on the household id). */
  async registered(e: HouseholdRegisteredV1): Promise<void> {
    await this.households.updateOne(
      { _id: e.data.householdId },
      { $setOnInsert: registeredHousehold(e.data) },
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
  async setPairedCadres(householdId: string, cadreIds: string[], version: number): Promise<void> {
    await this.households.updateOne(
      { _id: householdId, $or: olderPairingThan(version) },
      { $set: { pairedCadreIds: cadreIds, pairingVersion: version } },
    );
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
