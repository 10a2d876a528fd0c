import { Controller, Get, Param } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, notFound, Permissions, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { HouseholdsRepository } from '../households/households.repository';
import { PersonalDataReadsRepository } from './personal-data-reads.repository';
import { PiiCipher } from './pii-cipher';

const Id = z.string().uuid('must be a UUID');

/** 查看明文身份证号/电话: only for roles allowed to, and every read is audited. */
@Controller('api/v1/households/:id/members/:memberId/personal-data')
export class PersonalDataController {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly reads: PersonalDataReadsRepository,
    private readonly cipher: PiiCipher,
  ) {}

  @Get()
  @Roles(...Permissions.readPersonalData)
  async read(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Param('memberId', new ZodValidationPipe(Id)) memberId: string,
  ) {
    const household = await this.households.findById(scope, id);
    const member = household?.members.find((m) => m.memberId === memberId);
    if (!member) throw notFound(`未找到该成员 (no member ${memberId} in household ${id})`);
    const fields = [member.idNumberCipher && 'idNumber', member.phoneCipher && 'phone'].filter(
      (f): f is string => !!f,
    );
    await this.reads.record({ actor: caller.sub, actorName: caller.name, householdId: id, memberId, fields });
    return {
      householdId: id,
      memberId,
      idNumber: member.idNumberCipher ? this.cipher.decrypt(member.idNumberCipher) : null,
      phone: member.phoneCipher ? this.cipher.decrypt(member.phoneCipher) : null,
    };
  }
}
