import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { ScopedRepository } from '@lib/persistence';
import { Contact } from './contacts.schema';

/** Person contacts; callers see their scope's, the planner and the worker read as the service. */
@Injectable()
export class ContactsStore extends ScopedRepository<Contact> {
  constructor(@InjectModel(Contact.name) model: Model<Contact>) {
    super(model);
  }

  /**
   * Creates or replaces a person's contact within the scope: 'created' / 'replaced', or 'outside'
   * when the person's contact exists under a unit the caller does not cover (nothing changes).
   */
  async put(scope: Scope, c: Contact): Promise<'created' | 'replaced' | 'outside'> {
    const { _id, createdAt, ...set } = c;
    const r = await this.model.updateOne(this.scoped(scope, { _id }), { $set: set }).exec();
    if (r.matchedCount > 0) return 'replaced';
    return (await this.store.insertNew({ _id, createdAt, ...set })) ? 'created' : 'outside';
  }

  async remove(scope: Scope, id: string): Promise<boolean> {
    const r = await this.model.deleteOne(this.scoped(scope, { _id: id })).exec();
    return r.deletedCount > 0;
  }

  list(scope: Scope, filter: { unit?: string }, page: number, pageSize: number) {
    return this.page(scope, filter, { unit: 1, _id: 1 }, page, pageSize);
  }

  /** The contacts of these people (point lookups), by user id. */
  async ofUsers(userIds: string[]): Promise<Map<string, Contact>> {
    const found = await Promise.all(
      [...new Set(userIds)].map((id) => this.model.findById(id).lean<Contact>().exec()),
    );
    return new Map(found.filter((c): c is Contact => c !== null).map((c) => [c._id, c]));
  }
}
