import { NotifierPermissions } from '@lib/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  Caller,
  CallerScope,
  covers,
  forbidden,
  notFound,
  OrgUnit,
  Principal,
  Roles,
  Scope,
} from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { OrgLevel } from '../channel-configs/channel-configs.schema';
import { SecretBox } from '../channel-configs/domain/secret-box';
import { Contact } from './contacts.schema';
import { ContactsStore } from './contacts.store';
import { channelsOf, maskAddress, PersonAddress } from './domain/person-contact';

export const UserId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, '须为用户编号');

const ContactBody = PersonAddress.extend({
  name: z.string().trim().min(1).max(50).describe('姓名'),
  unit: OrgUnit.describe("the person's org unit (县 6, 乡镇 9 or 村 12 digits): who may manage the contact"),
})
  .strict()
  .refine((b) => b.phone || b.email, {
    message: '至少填写手机号或邮箱 (phone or email is required)',
    path: ['phone'],
  });
type ContactBody = z.infer<typeof ContactBody>;

const ListQuery = z
  .object({
    unit: OrgUnit.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const LEVEL: Record<number, OrgLevel> = { 6: 'county', 9: 'town', 12: 'village' };

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
    private readonly box: SecretBox,
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
    const u = body.unit;
    const address: PersonAddress = { phone: body.phone, email: body.email };
    const now = new Date();
    const doc: Contact = {
      _id: userId,
      name: body.name,
      unit: u,
      level: LEVEL[u.length],
      countyCode: u.slice(0, 6),
      townCode: u.length >= 9 ? u.slice(0, 9) : null,
      villageCode: u.length === 12 ? u : null,
      channels: channelsOf(address),
      sealed: this.box.seal(JSON.stringify(address)),
      masked: maskAddress(address),
      updatedBy: caller.sub,
      createdAt: now,
      updatedAt: now,
    };
    const outcome = await this.contacts.put(scope, doc);
    if (outcome === 'outside') throw forbidden();
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
