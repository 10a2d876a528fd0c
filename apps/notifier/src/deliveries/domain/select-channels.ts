/**
 * Which configured channels an alert goes to (pure, unit-tested): the village's own channels, its
 * town's duty channels, and the county's for high severity. A channel with roles serves only
 * alerts addressed to one of them; a channel without roles serves every alert of its unit.
 */
export interface AlertForRouting {
  villageCode: string;
  severity: string;
  recipientRoles: string[];
}

export interface RoutableChannel {
  level: 'county' | 'town' | 'village';
  unit: string;
  roles: string[];
  enabled: boolean;
}

export function selectChannels<C extends RoutableChannel>(alert: AlertForRouting, channels: C[]): C[] {
  const village = alert.villageCode;
  const town = village.slice(0, 9);
  const county = village.slice(0, 6);
  return channels.filter((c) => {
    if (!c.enabled) return false;
    const unitMatches =
      (c.level === 'village' && c.unit === village) ||
      (c.level === 'town' && c.unit === town) ||
      (c.level === 'county' && c.unit === county && alert.severity === 'high');
    if (!unitMatches) return false;
    return c.roles.length === 0 || c.roles.some((r) => alert.recipientRoles.includes(r));
  });
}

/**
 * The channels of one org unit that receive an escalated alert (升级提醒): the unit's enabled
 * channels, with the same role rule as above; the county's whatever the severity.
 */
export function selectEscalationChannels<C extends RoutableChannel>(
  alert: { recipientRoles: string[] },
  unit: string,
  channels: C[],
): C[] {
  return channels.filter(
    (c) =>
      c.enabled &&
      c.unit === unit &&
      (c.roles.length === 0 || c.roles.some((r) => alert.recipientRoles.includes(r))),
  );
}
