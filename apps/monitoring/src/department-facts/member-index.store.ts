import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { ReadModelUser, Store } from '@lib/persistence';
import { MemberHash } from './department-fact.schema';

/**
 * The member-hash index of department facts (who, by ID-number hash, belongs to which household): a
 * read model of households.events.v1. Its collection is `member_hashes` until a replay rebuilt it
 * into another (`npm run replay -- monitoring member-index`, replay/member-index-pointer.ts switches
 * it over); every read and write goes to the collection in use.
 */
@Injectable()
export class MemberIndex implements ReadModelUser {
  private members: Store<MemberHash>;

  constructor(
    @InjectModel(MemberHash.name) model: Model<MemberHash>,
    @InjectConnection() private readonly connection: Connection,
  ) {
    this.members = Store.of(model);
  }

  get collectionName(): string {
    return this.members.collectionName;
  }

  /** Reads and writes `name` from now on (a replayed index switched over, issue #17). */
  useCollection(name: string): void {
    if (name === this.members.collectionName) return;
    this.members = Store.named<MemberHash>(this.connection, name);
  }

  withHash(hash: string): Promise<MemberHash[]> {
    return this.members.find({ hash }).toArray();
  }

  /** Entries of the index; those already there are kept. */
  async add(entries: MemberHash[]): Promise<void> {
    await this.members.insertManyNew(entries);
  }

  async remove(id: string): Promise<void> {
    await this.members.deleteOne({ _id: id });
  }
}
