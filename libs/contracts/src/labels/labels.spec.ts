import { z } from 'zod';
import {
  AttendancePattern,
  CareGroup,
  Department,
  DepartmentFactKind,
  HouseholdType,
  LabourSkill,
  LIFECYCLE_ACTIONS,
  LIFECYCLE_STATES,
  MeasureType,
  MonitoringCategory,
  ProjectBenefitKind,
  Relation,
  RiskType,
  Severity,
  Sex,
  SurveyIncomeComponent,
} from '..';
import { Role } from '../../../auth/src/roles';
import { LABELS, LabelKind, labelOf, optionsOf } from '.';

const enums: [LabelKind, z.ZodEnum<Record<string, string>>][] = [
  ['householdType', HouseholdType],
  ['monitoringCategory', MonitoringCategory],
  ['sex', Sex],
  ['relation', Relation],
  ['labourSkill', LabourSkill],
  ['severity', Severity],
  ['projectBenefitKind', ProjectBenefitKind],
  ['attendancePattern', AttendancePattern],
  ['measureType', MeasureType],
  ['careGroup', CareGroup],
  ['riskType', RiskType],
  ['incomeComponent', SurveyIncomeComponent],
  ['department', Department],
  ['departmentFactKind', DepartmentFactKind],
  ['role', Role],
  ['lifecycleState', z.enum(LIFECYCLE_STATES)],
  ['lifecycleAction', z.enum(LIFECYCLE_ACTIONS)],
];

describe('中文标签 (one dictionary for every enum a person reads)', () => {
  it.each(enums)('%s: every value of the contract has a Chinese label', (kind, schema) => {
    for (const value of schema.options) {
      const label = labelOf(kind, value);
      expect(label).not.toBe('未知');
      expect(label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('no label is an English word or empty', () => {
    for (const book of Object.values(LABELS) as Record<string, string>[])
      for (const label of Object.values(book)) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('an unknown value is not shown as its code; a missing one as a dash', () => {
    expect(labelOf('severity', 'critical')).toBe('未知');
    expect(labelOf('severity', null)).toBe('—');
    expect(labelOf('severity', 'high')).toBe('高');
  });

  it('options keep the dictionary order for selects', () => {
    expect(optionsOf('severity')).toEqual([
      { value: 'high', label: '高' },
      { value: 'medium', label: '中' },
      { value: 'low', label: '低' },
    ]);
  });
});
