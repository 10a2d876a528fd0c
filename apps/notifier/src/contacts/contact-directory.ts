import { Injectable } from '@nestjs/common';
import { SERVICE_SCOPE } from '@lib/auth';
import { SecretBox } from '../channel-configs/domain/secret-box';
import { Contact } from './contacts.schema';
import { ContactsStore } from './contacts.store';
import { PersonAddress } from './domain/person-contact';

/** What the planner and the worker know of people: their contacts, and (to send only) their addresses. */
@Injectable()
export class ContactDirectory {
  constructor(
    private readonly contacts: ContactsStore,
    private readonly box: SecretBox,
  ) {}

  ofUsers(userIds: string[]): Promise<Map<string, Contact>> {
    return this.contacts.ofUsers(userIds);
  }

  /** The person's addresses in clear (for sending only); null if their contact was deleted since. */
  async addressOf(userId: string): Promise<PersonAddress | null> {
    const c = await this.contacts.findById(SERVICE_SCOPE, userId);
    return c ? (JSON.parse(this.box.open(c.sealed)) as PersonAddress) : null;
  }
}
