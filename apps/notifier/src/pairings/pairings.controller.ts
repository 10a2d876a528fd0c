import { NotifierPermissions } from '@lib/contracts';
import { Controller, Get, Param } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, notFound, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { ContactDirectory } from '../contacts/contact-directory';
import { FindPairedCadres } from './use-cases/find-paired-cadres.usecase';

const HouseholdId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, '须为农户编号');

/** Who gets a household's paired-cadre alerts: its cadres as the notifier knows them, and how each is reached. */
@Controller('api/v1/pairings')
export class PairingsController {
  constructor(
    private readonly pairings: FindPairedCadres,
    private readonly contacts: ContactDirectory,
  ) {}

  @Get(':householdId')
  @Roles(...NotifierPermissions.manageContacts)
  async get(
    @CallerScope() scope: Scope,
    @Param('householdId', new ZodValidationPipe(HouseholdId)) householdId: string,
  ) {
    const p = await this.pairings.of(householdId, scope);
    if (!p) throw notFound(`未找到该户的帮扶责任人 (no pairing known for household ${householdId})`);
    const contacts = await this.contacts.ofUsers(p.cadres.map((c) => c.userId));
    return {
      householdId: p.householdId,
      villageCode: p.villageCode,
      version: p.version,
      changedAt: p.changedAt,
      cadres: p.cadres.map((c) => ({ ...c, channels: contacts.get(c.userId)?.channels ?? [] })),
    };
  }
}
