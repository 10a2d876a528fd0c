import { Member } from './household.schema';

/** What callers see of a member: masked ID number and phone, never ciphertexts or the lookup hash. */
function presentMember({
  idNumberCipher,
  idNumberHash,
  phoneCipher,
  idNumberMasked,
  phoneMasked,
  ...m
}: Member) {
  void idNumberCipher;
  void idNumberHash;
  void phoneCipher;
  return { ...m, idNumber: idNumberMasked ?? null, phone: phoneMasked ?? null };
}

export function presentHousehold<T extends { _id: string; members: Member[] }>(doc: T) {
  const { _id, members, ...rest } = doc;
  return { id: _id, ...rest, members: members.map(presentMember) };
}
