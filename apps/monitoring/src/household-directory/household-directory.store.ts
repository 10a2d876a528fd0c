import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { KnownHouseholds } from '@lib/persistence';
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
export class HouseholdDirectory extends KnownHouseholds<KnownHousehold> {
  constructor(
    @InjectModel(KnownHousehold.name) model: Model<KnownHousehold>,
    @InjectConnection() connection: Connection,
  ) {
    super(model, connection);
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
