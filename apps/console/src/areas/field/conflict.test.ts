import { describe, expect, it } from 'vitest';
import { RecordSurveyBody, residentsProblem } from '@lib/contracts/surveys';
import { correctionOf, recordOf } from './conflict';
import { maskName, newId } from './db';

const ours = {
  id: '7f1c9a36-0a51-4b7a-9d0c-2f1f1d6a1b11',
  householdId: '0b9f3f5e-7c41-4d36-8a53-3a5f0c6f2b22',
  month: '2026-12',
  visitor: '三联村 王德明',
  income: { wage: 9000, business: 1500, property: 0, transfer: 2400, businessCosts: null },
  residentMembers: 2,
  gps: { lat: 34.574, lng: 105.712, accuracyM: 20 },
};
const theirs = {
  visitor: '镇干部 李娜',
  visitedAt: '2026-12-03T02:00:00.000Z',
  income: { wage: 12000, business: 1500, property: 0, transfer: 2400, businessCosts: 500 },
  missingIncomeComponents: [],
  residentMembers: 2,
};

describe('a conflict turned into a correction', () => {
  it('reads a queued body as the API answers a survey (a left-out component is 0 and missing)', () => {
    expect(recordOf(ours)).toMatchObject({
      income: { wage: 9000, businessCosts: 0 },
      missingIncomeComponents: ['businessCosts'],
    });
  });

  it('changes what differs, keeps their visit time, adds the position', () => {
    expect(correctionOf(theirs, ours)).toEqual({
      income: { wage: 9000, businessCosts: null },
      visitor: '三联村 王德明',
      gps: { lat: 34.574, lng: 105.712 },
    });
  });

  it('the same values need no correction', () => {
    expect(correctionOf(theirs, { ...ours, ...theirs, gps: undefined, visitedAt: undefined })).toEqual({});
  });
});

describe('the phone keeps', () => {
  it('names masked', () => {
    expect([maskName('王建国'), maskName('李娜'), maskName('欧阳秀英'), maskName('')]).toEqual([
      '王*国',
      '李*',
      '欧**英',
      '—',
    ]);
  });

  it('ids the API takes, and checks with its schema and the registered members', () => {
    const id = newId();
    expect(RecordSurveyBody.safeParse({ ...ours, id }).success).toBe(true);
    expect(residentsProblem(3, 2)).toEqual({ field: 'residentMembers', reason: '不能多于登记人口（2 人）' });
    expect(residentsProblem(2, 2)).toBeNull();
    const negative = RecordSurveyBody.safeParse({ ...ours, income: { wage: -1 } });
    expect(negative.success ? [] : negative.error.issues.map((i) => i.path.join('.'))).toEqual([
      'income.wage',
    ]);
  });
});
