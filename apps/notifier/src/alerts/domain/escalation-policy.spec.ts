import {
  durationZh,
  escalationDueAt,
  escalationJobId,
  escalationMessage,
  escalationMinutesOf,
  escalationTarget,
} from './escalation-policy';

const village = '621299101201';
const defaults = { high: 120, medium: 1440, low: 0 };

describe('escalation policy', () => {
  it("uses the rule's time, else the severity's default (0: never)", () => {
    expect(escalationMinutesOf({ severity: 'low', escalateAfterMinutes: 30 }, defaults)).toBe(30);
    expect(escalationMinutesOf({ severity: 'high' }, defaults)).toBe(120);
    expect(escalationMinutesOf({ severity: 'low' }, defaults)).toBe(0);
    expect(escalationMinutesOf({ severity: 'unknown' }, defaults)).toBe(0);
  });

  it('goes village → town → county, then repeats at the county only as configured', () => {
    expect(escalationTarget(village, 1, 0)).toEqual({ level: 1, orgLevel: 'town', unit: '621299101' });
    expect(escalationTarget(village, 2, 0)).toEqual({ level: 2, orgLevel: 'county', unit: '621299' });
    expect(escalationTarget(village, 3, 0)).toBeNull();
    expect(escalationTarget(village, 3, 1)).toEqual({ level: 3, orgLevel: 'county', unit: '621299' });
    expect(escalationTarget(village, 0, 5)).toBeNull();
  });

  it('level k is due k intervals after the alert was raised', () => {
    const raised = new Date('2026-11-28T08:00:00Z');
    expect(escalationDueAt(raised, 90, 2, 60_000)).toBe(raised.getTime() + 180 * 60_000);
    expect(escalationDueAt(raised, 90, 1, 10)).toBe(raised.getTime() + 900);
  });

  it('names jobs deterministically, with at most two colons', () => {
    expect(escalationJobId('a1b2', 1)).toBe('escalate:a1b2:1');
    const odd = escalationJobId('rules:a1', 2);
    expect(odd.split(':')).toHaveLength(3);
    expect(odd).toBe(escalationJobId('rules:a1', 2));
  });

  it('marks the message as an escalation and says how long it waited', () => {
    const m = escalationMessage(
      { title: '人均纯收入低于监测范围', message: '户 0101：人均纯收入 4700 元。' },
      { level: 2, orgLevel: 'county', unit: '621299' },
      120,
    );
    expect(m.title).toBe('【升级提醒】人均纯收入低于监测范围');
    expect(m.message).toMatch(
      /^【升级提醒】该预警超过4小时未确认处理，已升级至县级（第2级）。原预警：户 0101/,
    );
    expect(durationZh(90)).toBe('90分钟');
    expect(durationZh(1440)).toBe('1天');
    expect(durationZh(1500)).toBe('1天1小时');
  });
});
