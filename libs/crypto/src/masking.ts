/** 6212**********1234: enough for a person to recognise a record, never the number. */
export function maskIdNumber(idNumber: string): string {
  const n = idNumber.trim().toUpperCase();
  return `${n.slice(0, 4)}${'*'.repeat(Math.max(n.length - 8, 0))}${n.slice(-4)}`;
}
