import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import type { Filter } from 'mongodb';
import { Scope, withinScope } from '@lib/auth';
import { ClosedHouseholds, ReadModelUser, Store } from '@lib/persistence';
import {
  HouseholdClosedV1,
  HouseholdMemberAddedV1,
  HouseholdMemberRemovedV1,
  HouseholdRegisteredV1,
} from '@lib/contracts';
import { KnownHousehold, registeredHousehold } from './known-household.schema';

/**
 * Monitoring's read model of the registry; reads are within the caller's scope. Its collection is
 * `known_households` until a replay rebuilt it into another (`npm run replay -- monitoring
 * household-directory`, replay/household-directory-pointer.ts switches it over).
 */
@Injectable()
export class HouseholdDirectory implements ReadModelUser {
  constructor(
    @InjectModel(KnownHousehold.name) model: Model<KnownHousehold>,
    @InjectConnection() private readonly connection: Connection,
  ) {
    // every read and write goes to the collection in use (no inherited query of the model's own: after
    // a replay switched over, that one is the old copy)
    this.households = Store.of(model);
    this.closures = new ClosedHouseholds(this.households);
  }

  /** The collection in use (the model's own, or the one a replay rebuilt). */
  private households: Store<KnownHousehold>;
  private closures: ClosedHouseholds<KnownHousehold>;

  get collectionName(): string {
    return this.households.collectionName;
  }

  /** Reads and writes `name` from now on (a replayed directory switched over, issue #17). */
  useCollection(name: string): void {
    if (name === this.households.collectionName) return;
    this.households = Store.named<KnownHousehold>(this.connection, name);
    this.closures = new ClosedHouseholds(this.households);
  }

  /** The household if it is known and lies in the scope (one lookup by _id in the collection in use). */
  findById(scope: Scope, id: string): Promise<KnownHousehold | null> {
    return this.households.findOne(withinScope(scope, { _id: id }) as Filter<KnownHousehold>);
  }

  /**
   * Idempotent: a redelivered registration changes nothing. False when it is a registration
   * redelivered after the household was closed: it stays out of the other read models.
   */
  async registered(e: HouseholdRegisteredV1): Promise<boolean> {
    const d = e.data;
    const res = await this.households.updateOne(
      { _id: d.householdId },
      { $setOnInsert: registeredHousehold(d) },
      { upsert: true },
    );
    return !(res.upsertedCount === 0 && (await this.closures.isClosed(d.householdId)));
  }

  /** 注销: the household is marked closed (idempotent: the first closure's day and reason are kept). */
  async closed(e: HouseholdClosedV1): Promise<void> {
    await this.closures.mark(e);
  }

  /**
   * A member joined or left: kept as sets of ids (a redelivery changes nothing), so the survey's
   * 常住人口 is checked against the household's members now.
   */
  async memberAdded(e: HouseholdMemberAddedV1): Promise<void> {
    await this.households.updateOne(
      { _id: e.data.householdId },
      { $addToSet: { addedMemberIds: e.data.member.memberId } },
    );
  }
  async memberRemoved(e: HouseholdMemberRemovedV1): Promise<void> {
    await this.households.updateOne(
      { _id: e.data.householdId },
      { $addToSet: { removedMemberIds: e.data.memberId } },
    );
  }
}
