import { randomUUID } from 'node:crypto';
import { maskIdNumber, maskPhone } from './id-number';
import { PiiCipher } from './pii-cipher';
import type { Member } from '../households.schema';
import type { MemberBody } from '../households.dto';

/** Health is personal data: kept as one ciphertext of {health, disabilityLevel}. */
export interface HealthRecord {
  health?: string;
  disabilityLevel?: number;
}

/**
 * Turns clear personal data into what is stored: ciphertexts (AES-256-GCM), the keyed hash for lookups
 * and masked copies for display. The clear values are not kept. `undefined` leaves a field as it is,
 * `null` clears it (used by PATCH).
 */
export function sealMember(
  cipher: PiiCipher,
  { idNumber, phone, health, disabilityLevel, ...rest }: Partial<MemberBody>,
  memberId?: string,
): Partial<Member> {
  const out: Partial<Member> = { ...(memberId ? { memberId } : {}), ...rest };
  if (idNumber) {
    out.idNumberCipher = cipher.encrypt(idNumber);
    out.idNumberHash = cipher.hashIdNumber(idNumber);
    out.idNumberMasked = maskIdNumber(idNumber);
  }
  if (phone) {
    out.phoneCipher = cipher.encrypt(phone);
    out.phoneMasked = maskPhone(phone);
  }
  if (health !== undefined || disabilityLevel !== undefined)
    out.healthCipher = cipher.encrypt(
      JSON.stringify({
        ...(health !== undefined ? { health } : {}),
        ...(disabilityLevel !== undefined ? { disabilityLevel } : {}),
      }),
    );
  return out;
}

export const newMemberId = () => randomUUID();

export function openHealth(cipher: PiiCipher, sealed: string | undefined): HealthRecord | null {
  return sealed ? (JSON.parse(cipher.decrypt(sealed)) as HealthRecord) : null;
}

/** The household's contact phone, sealed like members' phones. */
export function sealContactPhone(cipher: PiiCipher, phone: string) {
  return { contactPhoneCipher: cipher.encrypt(phone), contactPhoneMasked: maskPhone(phone) };
}
