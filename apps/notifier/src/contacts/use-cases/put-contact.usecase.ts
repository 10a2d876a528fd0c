import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { SecretBox } from '../../channel-configs/domain/secret-box';
import type { ContactBody } from '../contacts.dto';
import { Contact } from '../contacts.schema';
import { ContactsStore } from '../contacts.store';
import { contactOf } from '../domain/person-contact';

/**
 * Registers or replaces a person's contact within the caller's scope: the address sealed, a masked copy kept
 * to show. Returns the stored contact, or 'outside' when the person's contact exists under a unit the caller
 * does not cover (nothing changes).
 */
@Injectable()
export class PutContact {
  constructor(
    private readonly contacts: ContactsStore,
    private readonly box: SecretBox,
  ) {}

  async run(
    scope: Scope,
    updatedBy: string,
    userId: string,
    body: ContactBody,
  ): Promise<Contact | 'outside'> {
    const address = { phone: body.phone, email: body.email };
    const doc = contactOf({
      userId,
      name: body.name,
      unit: body.unit,
      address,
      sealed: this.box.seal(JSON.stringify(address)),
      updatedBy,
      now: new Date(),
    });
    if ((await this.contacts.put(scope, doc)) === 'outside') return 'outside';
    return (await this.contacts.findById(scope, userId))!;
  }
}
