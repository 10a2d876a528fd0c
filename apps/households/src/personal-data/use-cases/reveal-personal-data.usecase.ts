import { Injectable } from '@nestjs/common';
import { notFound, Principal, Scope } from '@lib/auth';
import { PiiCipher } from '../../households/domain/pii-cipher';
import { openHealth } from '../../households/domain/seal';
import { HouseholdsStore } from '../../households/households.store';
import { revealedHouseholdFields, revealedMemberFields } from '../domain/revealed-fields';
import { PersonalDataReadsStore } from '../personal-data.store';

/** 查看明文身份证号/电话/健康状况: each clear read is audited (who, when, which fields, why) before it is answered. */
@Injectable()
export class RevealPersonalData {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly reads: PersonalDataReadsStore,
    private readonly cipher: PiiCipher,
  ) {}

  async member(caller: Principal, scope: Scope, id: string, memberId: string, reason?: string) {
    const household = await this.households.load(scope, id);
    const member = household?.members.find((m) => m.memberId === memberId);
    if (!member) throw notFound(`未找到该成员 (no member ${memberId} in household ${id})`);
    await this.reads.record({
      actor: caller.sub,
      actorName: caller.name,
      householdId: id,
      memberId,
      fields: revealedMemberFields(member),
      ...(reason ? { reason } : {}),
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
  async household(caller: Principal, scope: Scope, id: string, reason?: string) {
    const household = await this.households.load(scope, id);
    if (!household) throw notFound(`未找到该户 (no household ${id})`);
    await this.reads.record({
      actor: caller.sub,
      actorName: caller.name,
      householdId: id,
      memberId: 'household',
      fields: revealedHouseholdFields(household),
      ...(reason ? { reason } : {}),
    });
    return {
      householdId: id,
      contactPhone: household.contactPhoneCipher ? this.cipher.decrypt(household.contactPhoneCipher) : null,
    };
  }
}
