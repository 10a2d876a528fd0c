import { RoutableChannel, selectChannels, selectEscalationChannels } from './select-channels';

const village = '621299101201';
const ch = (level: RoutableChannel['level'], unit: string, roles: string[] = [], enabled = true) => ({
  level,
  unit,
  roles,
  enabled,
  name: `${level}:${unit}:${roles.join('+')}`,
});

const channels = [
  ch('village', village),
  ch('village', '621299101202'), // a neighbouring village
  ch('town', '621299101'),
  ch('town', '621299102'), // another town
  ch('county', '621299'),
  ch('village', village, ['paired-cadre']),
  ch('village', village, [], false),
];

const names = (cs: Array<{ name: string }>) => cs.map((c) => c.name);

describe('selectChannels', () => {
  it('sends to the village, its town, and not the county below high severity', () => {
    const got = selectChannels(
      { villageCode: village, severity: 'medium', recipientRoles: ['village-cadre'] },
      channels,
    );
    expect(names(got)).toEqual([`village:${village}:`, 'town:621299101:']);
  });

  it('adds the county for high severity', () => {
    const got = selectChannels({ villageCode: village, severity: 'high', recipientRoles: [] }, channels);
    expect(names(got)).toEqual([`village:${village}:`, 'town:621299101:', 'county:621299:']);
  });

  it('a channel with roles serves only alerts addressed to one of them; disabled ones none', () => {
    const got = selectChannels(
      { villageCode: village, severity: 'low', recipientRoles: ['paired-cadre'] },
      channels,
    );
    expect(names(got)).toContain(`village:${village}:paired-cadre`);
    expect(got.every((c) => c.enabled)).toBe(true);
  });

  it('an escalation goes to the one unit above, the county whatever the severity', () => {
    const alert = { recipientRoles: ['village-cadre'] };
    expect(names(selectEscalationChannels(alert, '621299101', channels))).toEqual(['town:621299101:']);
    expect(names(selectEscalationChannels(alert, '621299', channels))).toEqual(['county:621299:']);
    const roled = [ch('town', '621299101', ['paired-cadre']), ch('town', '621299101', [], false)];
    expect(selectEscalationChannels(alert, '621299101', roled)).toEqual([]);
  });
});
