/** 6212**********1234: enough for a person to recognise a record, never the number. */
export function maskIdNumber(idNumber: string): string {
  const n = idNumber.trim().toUpperCase();
  // a short document number (a permit, a passport) would show whole with four at each end
  if (n.length < 12) return `${n.slice(0, 1)}${'*'.repeat(Math.max(n.length - 3, 0))}${n.slice(-2)}`;
  return `${n.slice(0, 4)}${'*'.repeat(Math.max(n.length - 8, 0))}${n.slice(-4)}`;
}

/** 138****0000: the first three and last four digits; short numbers keep only their ends. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7)
    return `${phone.slice(0, 1)}${'*'.repeat(Math.max(phone.length - 2, 0))}${phone.slice(-1)}`;
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
