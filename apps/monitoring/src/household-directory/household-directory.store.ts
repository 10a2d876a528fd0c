import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ClosedHouseholds, ScopedRepository } from '@lib/persistence';
import {
  HouseholdClosedV1,
  HouseholdMemberAddedV1,
  HouseholdMemberRemovedV1,
  HouseholdRegisteredV1,
} from '@lib/contracts';
import { KnownHousehold } from './known-household.schema';

/** Monitoring's read model of the registry; reads are within the caller's scope. */
@Injectable()
export class HouseholdDirectory extends ScopedRepository<KnownHousehold> {
  constructor(@InjectModel(KnownHousehold.name) model: Model<KnownHousehold>) {
    super(model);
    this.closures = new ClosedHouseholds(this.store);
  }

  private readonly closures: ClosedHouseholds<KnownHousehold>;

  /** Idempotent: a redelivered registration changes nothing. */
  async registered(e: HouseholdRegisteredV1): Promise<void> {
    const d = e.data;
    const res = await this.store.updateOne(
      { _id: d.householdId },
      {
        $setOnInsert: {
          householdNumber: d.householdNumber,
          countyCode: d.countyCode,
          townCode: d.townCode,
          villageCode: d.villageCode,
          memberCount: d.memberCount,
          registeredAt: new Date(d.registeredAt),
          members: d.members.map((m) => ({ memberId: m.memberId, relation: m.relation })),
        },
      },
      { upsert: true },
    );
    // a registration redelivered after the household was closed: it stays out of the other read models
    if (res.upsertedCount === 0 && (await this.closures.isClosed(d.householdId))) return;
    for (const listener of this.registrationListeners) await listener(e);
  }

  /**
   * 注销: the household is marked closed (idempotent: the first closure's day and reason are kept), then
   * every closure listener runs (coverage forgets it), on each delivery.
   */
  async closed(e: HouseholdClosedV1): Promise<void> {
    await this.closures.mark(e);
    for (const listener of this.closureListeners) await listener(e);
  }

  private readonly closureListeners: Array<(e: HouseholdClosedV1) => Promise<void>> = [];

  /** Features that keep their own read model of households and must forget a closed one (coverage). */
  onClosure(listener: (e: HouseholdClosedV1) => Promise<void>): void {
    this.closureListeners.push(listener);
  }

  /**
   * A member joined or left: kept as sets of ids (a redelivery changes nothing), so the survey's
   * 常住人口 is checked against the household's members now.
   */
  async memberAdded(e: HouseholdMemberAddedV1): Promise<void> {
    await this.store.updateOne(
      { _id: e.data.householdId },
      { $addToSet: { addedMemberIds: e.data.member.memberId } },
    );
  }
  async memberRemoved(e: HouseholdMemberRemovedV1): Promise<void> {
    await this.store.updateOne(
      { _id: e.data.householdId },
      { $addToSet: { removedMemberIds: e.data.memberId } },
    );
  }

  private readonly registrationListeners: Array<(e: HouseholdRegisteredV1) => Promise<void>> = [];

  /**
   * Other features keep their own read model of registrations (coverage, the member-hash index of
   * department facts): called after the directory's write, for every delivery (so must be idempotent);
   * a failure fails the event, which is retried.
   */
  onRegistration(listener: (e: HouseholdRegisteredV1) => Promise<void>): void {
    this.registrationListeners.push(listener);
  }
}
