import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal, Scope } from '@lib/auth';
import { HouseholdsStore } from '../../households/households.store';
import { RelocationBody } from '../assistance.dto';
import { AssistanceStore } from '../assistance.store';
import { orgOf } from '../domain/assistance';
import { openHouseholdIn } from './assistance-household';

/** 易地搬迁: records where an open household moved (分散 / 集中安置). */
@Injectable()
export class RecordRelocation {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly records: AssistanceStore,
  ) {}

  async execute(caller: Principal, scope: Scope, id: string, body: RelocationBody) {
    const h = await openHouseholdIn(this.households, scope, id);
    const relocationId = randomUUID();
    await this.records.insert('relocations', {
      _id: relocationId,
      householdId: id,
      ...orgOf(h),
      ...body,
      at: new Date(),
      by: caller.sub,
    });
    return { relocationId, householdId: id, ...body };
  }
}
