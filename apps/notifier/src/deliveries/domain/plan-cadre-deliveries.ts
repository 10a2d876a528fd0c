/**
 * Which person deliveries an alert makes for its household's paired cadres (帮扶责任人), pure and
 * unit-tested: one per cadre and channel they can be reached on (their contact's SMS mobile and
 * email, when the notifier has a gateway for it); a cadre who cannot be reached gets one record
 * saying why (channel "none"), so the gap shows in the delivery log instead of vanishing.
 */
import type { PersonChannel } from '../../contacts/domain/person-contact';
import type { PairedCadre } from '../../pairings/domain/paired-cadres';

/** The recipient role (libs/auth roles, rules catalogue recipientRoles) of the household's cadres. */
export const PAIRED_CADRE_ROLE = 'paired-cadre';

export interface CadreDelivery {
  userId: string;
  name: string;
  channel: PersonChannel | 'none';
  /** Why the cadre is not reached (channel "none"); null otherwise. */
  error: string | null;
}

export function addressesCadres(a: { subjectType: string; recipientRoles: string[] }): boolean {
  return a.subjectType === 'household' && a.recipientRoles.includes(PAIRED_CADRE_ROLE);
}

export function planCadreDeliveries(
  cadres: Array<Pick<PairedCadre, 'userId' | 'name'>>,
  /** The channels of each cadre's contact; undefined: no contact registered. */
  channelsOf: (userId: string) => PersonChannel[] | undefined,
  gateways: { sms: boolean; email: boolean },
): CadreDelivery[] {
  const seen = new Set<string>();
  return cadres.flatMap(({ userId, name }): CadreDelivery[] => {
    if (seen.has(userId)) return [];
    seen.add(userId);
    const has = channelsOf(userId);
    if (!has || has.length === 0)
      return [
        {
          userId,
          name,
          channel: 'none' as const,
          error: `帮扶责任人 ${name} 未登记联系方式，预警未送达本人 (no contact registered for paired cadre ${userId})`,
        },
      ];
    const usable = has.filter((c) => gateways[c]);
    if (usable.length === 0)
      return [
        {
          userId,
          name,
          channel: 'none' as const,
          error: `未配置个人短信网关或邮件服务器，预警未送达帮扶责任人 ${name} (no gateway for ${has.join('/')}: set NOTIFIER_SMS_GATEWAY_URL / NOTIFIER_SMTP_URL)`,
        },
      ];
    return usable.map((channel) => ({ userId, name, channel, error: null }));
  });
}
