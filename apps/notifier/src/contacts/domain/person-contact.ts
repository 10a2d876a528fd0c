import { z } from 'zod';
import { maskPhone } from '@lib/crypto';
import { filingOf } from '../../channel-configs/domain/channel-record';

/** How a person can be reached: the kinds of person channel a contact has. */
export type PersonChannel = 'sms' | 'email';

/** A person's reachable addresses, in clear (sealed at rest). */
export const PersonAddress = z
  .object({
    phone: z
      .string()
      .regex(/^1\d{10}$/, '须为 11 位手机号码')
      .optional()
      .describe('手机号 (SMS)'),
    email: z.string().email('须为电子邮箱地址').max(200).optional().describe('电子邮箱'),
  })
  .strict();
export type PersonAddress = z.infer<typeof PersonAddress>;

/** z***@example.com: the first character of the mailbox and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
}

export function maskAddress(a: PersonAddress): { phone?: string; email?: string } {
  return {
    ...(a.phone ? { phone: maskPhone(a.phone) } : {}),
    ...(a.email ? { email: maskEmail(a.email) } : {}),
  };
}

export function channelsOf(a: PersonAddress): PersonChannel[] {
  return [...(a.phone ? (['sms'] as const) : []), ...(a.email ? (['email'] as const) : [])];
}

/** The contact document of a person (pure): unit codes by level, channels and the masked copy of the address. */
export function contactOf(c: {
  userId: string;
  name: string;
  /** The person's org unit: county 6, town 9 or village 12 digits. */
  unit: string;
  address: PersonAddress;
  sealed: string;
  updatedBy: string;
  now: Date;
}) {
  return {
    _id: c.userId,
    name: c.name,
    ...filingOf(c.unit),
    channels: channelsOf(c.address),
    sealed: c.sealed,
    masked: maskAddress(c.address),
    updatedBy: c.updatedBy,
    createdAt: c.now,
    updatedAt: c.now,
  };
}
