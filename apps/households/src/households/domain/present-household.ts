import type { Household, Member } from '../households.schema';

/** Shown instead of health data to everyone: the clear value is read through the audited personal-data endpoint. */
export const HIDDEN = '***';

/** What callers see of a member: masked ID number and phone, hidden health, never ciphertexts or the lookup hash. */
export function presentMember({
  idNumberCipher,
  idNumberHash,
  phoneCipher,
  healthCipher,
  idNumberMasked,
  phoneMasked,
  ...m
}: Member) {
  void idNumberCipher;
  void idNumberHash;
  void phoneCipher;
  return {
    ...m,
    idNumber: idNumberMasked ?? null,
    phone: phoneMasked ?? null,
    health: healthCipher ? HIDDEN : null,
  };
}

export function presentHousehold<T extends { _id: string; members: Member[] } & Partial<Household>>(doc: T) {
  const { _id, members, contactPhoneCipher, contactPhoneMasked, pairedCadreIds, ...rest } = doc as T &
    Record<string, unknown>;
  void contactPhoneCipher;
  void pairedCadreIds;
  for (const k of ['_outbox', '_outboxPending', '_outboxSeq', '_outboxChunk', '__v'])
    delete (rest as Record<string, unknown>)[k];
  return {
    id: _id,
    ...rest,
    status: (rest as { status?: string }).status ?? 'active',
    ...(contactPhoneMasked !== undefined ? { contactPhone: contactPhoneMasked } : {}),
    members: members.map(presentMember),
  };
}
