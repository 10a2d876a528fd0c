/** 查看明文: which personal data a clear read reveals, named in its audit entry. Pure. */

/** The member's fields that hold personal data (those read in clear), in the audit's names. */
export function revealedMemberFields(m: {
  idNumberCipher?: string;
  phoneCipher?: string;
  healthCipher?: string;
}): string[] {
  return [m.idNumberCipher && 'idNumber', m.phoneCipher && 'phone', m.healthCipher && 'health'].filter(
    (f): f is string => !!f,
  );
}

/** The household's own fields read in clear (its contact phone). */
export const revealedHouseholdFields = (h: { contactPhoneCipher?: string }): string[] =>
  h.contactPhoneCipher ? ['contactPhone'] : [];
