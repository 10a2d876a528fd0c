import { z } from 'zod';

/**
 * A key ring in configuration: `keyId:base64(32 bytes)` entries, comma separated. Old keys stay
 * listed so what they sealed stays readable; the active key is named separately (default: the first).
 */
export const keyRingSetting = z
  .string()
  .min(1)
  .transform((s, ctx) => {
    const keys = new Map<string, Buffer>();
    for (const part of s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [id, b64] = part.split(':');
      const key = Buffer.from(b64 ?? '', 'base64');
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id ?? '') || key.length !== 32) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'each entry must be keyId:base64 of 32 bytes' });
        return z.NEVER;
      }
      keys.set(id, key);
    }
    return keys;
  });

/** The active key id: the one named, or the first of the ring. */
export function activeKeyIdOf(keys: ReadonlyMap<string, Buffer>, named?: string): string {
  return named ?? [...keys.keys()][0];
}
