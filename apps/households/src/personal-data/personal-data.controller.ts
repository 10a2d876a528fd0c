import { HouseholdsPermissions } from '@lib/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { RevealQuery } from './personal-data.dto';
import { RevealPersonalData } from './use-cases/reveal-personal-data.usecase';

const Id = z.string().uuid('须为编号（UUID）');

/** 查看明文身份证号/电话/健康状况: only for roles allowed to, and every read is audited. */
@Controller('api/v1/households/:id')
export class PersonalDataController {
  constructor(private readonly reveal: RevealPersonalData) {}

  @Get('members/:memberId/personal-data')
  @Roles(...HouseholdsPermissions.readPersonalData)
  read(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Param('memberId', new ZodValidationPipe(Id)) memberId: string,
    @Query(new ZodValidationPipe(RevealQuery)) q: RevealQuery,
  ) {
    return this.reveal.member(caller, scope, id, memberId, q.reason);
  }

  /** The household's contact phone in clear (audited as memberId "household"). */
  @Get('personal-data')
  @Roles(...HouseholdsPermissions.readPersonalData)
  readHousehold(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(Id)) id: string,
    @Query(new ZodValidationPipe(RevealQuery)) q: RevealQuery,
  ) {
    return this.reveal.household(caller, scope, id, q.reason);
  }
}
