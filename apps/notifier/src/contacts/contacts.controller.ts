import { NotifierPermissions } from '@lib/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, covers, forbidden, notFound, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { ContactBody, ListQuery, UserId } from './contacts.dto';
import { Contact } from './contacts.schema';
import { ContactsStore } from './contacts.store';
import { PutContact } from './use-cases/put-contact.usecase';

/** What the API shows: phone and email masked, never the sealed value. */
const present = ({ _id, sealed: _sealed, masked, ...rest }: Contact) => ({ userId: _id, ...rest, ...masked });

/**
 * Person contacts (联系方式): how a cadre is reached when an alert names their role — a mobile for
 * SMS, an email address. Managed by the county, town and village administrators of the person's
 * unit; stored sealed, shown masked.
 */
@Controller('api/v1/contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsStore,
    private readonly putContact: PutContact,
  ) {}

  @Put(':userId')
  @Roles(...NotifierPermissions.manageContacts)
  async put(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('userId', new ZodValidationPipe(UserId)) userId: string,
    @Body(new ZodValidationPipe(ContactBody)) body: ContactBody,
  ) {
    if (!covers(scope, body.unit)) throw forbidden();
    const stored = await this.putContact.run(scope, caller.sub, userId, body);
    if (stored === 'outside') throw forbidden();
    return present((await this.contacts.findById(scope, userId))!);
  }

  @Get()
  @Roles(...NotifierPermissions.manageContacts)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListQuery)) q: z.infer<typeof ListQuery>,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.contacts.list(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }

  @Get(':userId')
  @Roles(...NotifierPermissions.manageContacts)
  async get(@CallerScope() scope: Scope, @Param('userId', new ZodValidationPipe(UserId)) userId: string) {
    const doc = await this.contacts.findById(scope, userId);
    if (!doc) throw notFound(`未找到该人员的联系方式 (no contact for ${userId})`);
    return present(doc);
  }

  @Delete(':userId')
  @HttpCode(204)
  @Roles(...NotifierPermissions.manageContacts)
  async remove(@CallerScope() scope: Scope, @Param('userId', new ZodValidationPipe(UserId)) userId: string) {
    if (!(await this.contacts.remove(scope, userId)))
      throw notFound(`未找到该人员的联系方式 (no contact for ${userId})`);
  }
}
