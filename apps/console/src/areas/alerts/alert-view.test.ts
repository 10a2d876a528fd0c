import { describe, expect, it } from 'vitest';
import { actorsOf, type Alert, historyOf } from './alert-view';

const raised: Alert = {
  id: 'a1',
  ruleId: 'income-below-line',
  ruleVersion: 1,
  severity: 'high',
  subjectType: 'household',
  subjectId: 'h1',
  countyCode: '621299',
  townCode: '621299101',
  villageCode: '621299101201',
  period: '2026-11',
  title: '人均纯收入低于监测范围',
  message: '人均纯收入 6,800 元，低于 7,200 元',
  explanation: [],
  recipientRoles: ['village-cadre'],
  status: 'resolved',
  raisedAt: '2026-11-02T08:00:00Z',
  acknowledgedAt: '2026-11-02T09:00:00Z',
  acknowledgedBy: 'u-town',
  acknowledgementNote: '已入户核实',
  resolvedAt: '2026-11-20T09:00:00Z',
  resolution: 'manual',
  resolvedBy: 'u-me',
  resolutionNote: '落实公益岗位',
};

describe('an alert history names who acted', () => {
  it('the signed-in user as 本人, others by the name the gateway gave', () => {
    const titles = historyOf(raised, 'u-me', new Map([['u-town', '王镇长']])).map((h) => h.title);
    expect(titles).toEqual(['发出预警（高风险）', '已确认（王镇长）', '人工办结（本人）']);
  });
  it('a user the gateway did not name (outside the caller’s units) is left unnamed, never shown as an id', () => {
    const titles = historyOf(raised, 'u-me').map((h) => h.title);
    expect(titles[1]).toBe('已确认');
    expect(titles.join('')).not.toContain('u-town');
  });
  it('asks for the names of the others only, once each', () => {
    expect(actorsOf(raised, 'u-me')).toEqual(['u-town']);
    expect(actorsOf({ acknowledgedBy: 'u-x', resolvedBy: 'u-x' }, null)).toEqual(['u-x']);
  });
});
