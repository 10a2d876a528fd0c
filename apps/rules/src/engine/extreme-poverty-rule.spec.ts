import { departmentFactReceived, householdRegistered } from '@lib/testing';
import { applyEvent, emptyState } from '../subjects/domain/event-appliers';
import { SubjectEvent } from '../subjects/domain/subject-state';
import { compileRule } from './compiler';
import { DEFAULT_CATALOGUE } from './default-catalogue';
import { contextOf } from './evaluate';

const rule = compileRule(DEFAULT_CATALOGUE['extreme-poverty-support-able-member']);

/** A household of two: an able man born 1970 and a woman born 1950 with no labour; 民政 reports 特困 for one. */
function afterSupportFor(
  memberId: string,
  detail: Record<string, string> = { supportType: 'extreme_poverty' },
) {
  const registered = householdRegistered({
    householdNumber: '0301',
    members: [
      { memberId: 'm-able', relation: 'head', sex: 'male', birthDate: '1970-03-01', labourSkill: 'ordinary' },
      { memberId: 'm-old', relation: 'parent', sex: 'female', birthDate: '1950-05-01', labourSkill: 'none' },
    ],
  });
  const s = emptyState(registered);
  applyEvent(s, registered);
  const fact = departmentFactReceived({
    householdId: registered.data.householdId,
    department: 'civil_affairs',
    kind: 'subsistence_allowance_changed',
    memberId,
    amount: null,
    occurredOn: '2026-10-12',
    detail,
  });
  const applied = applyEvent(s, fact as SubjectEvent);
  return contextOf(s, applied.asOf, applied.eventFacts, []);
}

describe('特困供养人员为18-60岁有劳动能力成员', () => {
  it('holds for a member aged 18–60 with labour receiving 特困 support, with a Chinese message', () => {
    const c = afterSupportFor('m-able');
    expect(rule.test(c)).toBe(true);
    expect(rule.message(c)).toBe(
      '户 0301：民政推送 2026-10-12 有成员享受特困供养，但该成员 56 岁、登记为有劳动能力。请村两委核实特困认定或成员健康、劳动能力信息。',
    );
  });

  it('does not hold for a member over 60 without labour, nor for 低保, nor for an unknown member', () => {
    expect(rule.test(afterSupportFor('m-old'))).not.toBe(true);
    expect(rule.test(afterSupportFor('m-able', { supportType: 'subsistence_allowance' }))).not.toBe(true);
    expect(rule.test(afterSupportFor('m-unknown'))).not.toBe(true);
  });
});
