import { ConflictException, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { Store } from '@lib/persistence';

interface ActiveMembership {
  _id: string; // idNumberHash: one person is an active member of one household only
  householdId: string;
  memberId: string;
  since: Date;
}

export interface MembershipClaim {
  idNumberHash: string;
  memberId: string;
  /** where the member sits in the request, to name the field in a 409 */
  field: string;
}

/** 同一人只能在一户: claims keyed by idNumberHash, unique by _id (no transactions on FerretDB). */
@Injectable()
export class ActiveMembershipsStore implements OnModuleInit {
  private store!: Store<ActiveMembership>;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  onModuleInit() {
    this.store = Store.named<ActiveMembership>(this.connection, 'active_memberships');
  }

  /** Claims every person for the household, or none of them: 409 naming the member's idNumber field. */
  async claim(householdId: string, claims: MembershipClaim[]): Promise<void> {
    if (claims.length === 0) return;
    const since = new Date();
    const { duplicates } = await this.store.insertManyNew(
      claims.map((c) => ({ _id: c.idNumberHash, householdId, memberId: c.memberId, since })),
    );
    if (duplicates.length) {
      await this.release(householdId);
      const taken = await this.store
        .find({ _id: { $in: claims.map((c) => c.idNumberHash) }, householdId: { $ne: householdId } })
        .toArray();
      const clash = claims.find((c) => taken.some((t) => t._id === c.idNumberHash)) ?? claims[0];
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: '此人已是另一户的在册成员 (this person is already an active member of another household)',
        problems: [{ field: clash.field, reason: 'already an active member of another household' }],
      });
    }
  }

  /** Gives back one person's claim (a member removed, an ID number corrected, a failed member add). */
  async releaseOne(householdId: string, idNumberHash: string): Promise<void> {
    await this.store.deleteOne({ _id: idNumberHash, householdId });
  }

  /**
   * Claims for many households at once (ledger import), unordered: returns the idNumberHashes that were
   * already taken (by another household, in the database or earlier in the same batch).
   */
  async claimMany(claims: Array<{ idNumberHash: string; householdId: string; memberId: string }>) {
    const taken = new Set<string>();
    if (claims.length === 0) return taken;
    const since = new Date();
    const { duplicates } = await this.store.insertManyNew(
      claims.map((c) => ({ _id: c.idNumberHash, householdId: c.householdId, memberId: c.memberId, since })),
    );
    for (const i of duplicates) taken.add(claims[i].idNumberHash);
    return taken;
  }

  /** Gives back the claims of many households (import: refused after claiming). */
  async releaseHouseholds(householdIds: string[]): Promise<void> {
    for (const householdId of householdIds) await this.store.deleteMany({ householdId });
  }

  /** Gives back the household's claims (a failed registration). */
  async release(householdId: string): Promise<void> {
    await this.store.deleteMany({ householdId });
  }
}
