import { HouseholdsPermissions } from '@lib/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, notFound, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { HouseholdsStore } from '../households/households.store';
import { PersonalDataReadsStore } from './personal-data.store';
import { PiiCipher } from '../households/domain/pii-cipher';
import { openHealth } from '../households/domain/seal';

const Id = z.string().uuid('须为编号（UUID）');
/** Why the clear value is needed (查看原因), kept in the audit entry of the read. */
const RevealQuery = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, '填写时不能为空')
      .max(200, '最多 200 个字符')
      .optional()
      .describe('查看原因，记入审计'),
  })
  .strict();
type RevealQuery = z.infer<typeof RevealQuery>;

/** 查看明文身份证号/电话/健康状况: only for roles allowed to, and every read is audited. */
@Controller('api/v1/households/:id')
export class PersonalDataController {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly reads: PersonalDataReadsStore,
    private readonly cipher: PiiCipher,
  ) {}

  @Get('members/:memberId/personal-data')
  @Roles(...HouseholdsPermissions.readPersonalData)
  async read(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Param('memberId', new ZodValidationPipe(Id)) memberId: string,
    @Query(new ZodValidationPipe(RevealQuery)) q: RevealQuery,
  ) {
    const household = await this.households.load(scope, id);
    const member = household?.members.find((m) => m.memberId === memberId);
    if (!member) throw notFound(`未找到该成员 (no member ${memberId} in household ${id})`);
    const fields = [
      member.idNumberCipher && 'idNumber',
      member.phoneCipher && 'phone',
      member.healthCipher && 'health',
    ].filter((f): f is string => !!f);
    await this.reads.record({
      actor: caller.sub,
      actorName: caller.name,
      householdId: id,
      memberId,
      fields,
      ...(q.reason ? { reason: q.reason } : {}),
    });
    const health = openHealth(this.cipher, member.healthCipher);
    return {
      householdId: id,
      memberId,
      idNumber: member.idNumberCipher ? this.cipher.decrypt(member.idNumberCipher) : null,
      phone: member.phoneCipher ? this.cipher.decrypt(member.phoneCipher) : null,
      health: health?.health ?? null,
      disabilityLevel: health?.disabilityLevel ?? null,
    };
  }

  /** The household's contact phone in clear (audited as memberId "household"). */
  @Get('personal-data')
  @Roles(...HouseholdsPermissions.readPersonalData)
  async readHousehold(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Query(new ZodValidationPipe(RevealQuery)) q: RevealQuery,
  ) {
    const household = await this.households.load(scope, id);
    if (!household) throw notFound(`未找到该户 (no household ${id})`);
    await this.reads.record({
      actor: caller.sub,
      actorName: caller.name,
      householdId: id,
      memberId: 'household',
      fields: household.contactPhoneCipher ? ['contactPhone'] : [],
      ...(q.reason ? { reason: q.reason } : {}),
    });
    return {
      householdId: id,
      contactPhone: household.contactPhoneCipher ? this.cipher.decrypt(household.contactPhoneCipher) : null,
    };
  }
}
