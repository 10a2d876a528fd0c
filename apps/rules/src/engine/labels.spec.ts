import { labelOf } from '@lib/contracts/labels';
import { DEFAULT_CATALOGUE } from './default-catalogue';
import { HOUSEHOLD_FACTS, OCCURRENCES, TEAM_MEMBER_FACTS } from './facts';
import { Trigger } from './rule-language';

/** The console names rules, facts and triggers from libs/contracts' labels: they must not drift from the engine. */
describe('rule labels (libs/contracts) match the engine', () => {
  it('every default rule is labelled with its own Chinese name', () => {
    for (const [id, rule] of Object.entries(DEFAULT_CATALOGUE)) expect(labelOf('ruleName', id)).toBe(rule.name);
  });

  it('every fact, occurrence, trigger and recipient role of the catalogue has its label', () => {
    for (const [name, info] of Object.entries(HOUSEHOLD_FACTS))
      expect(labelOf('householdFact', name)).toBe(info.label);
    for (const [name, info] of Object.entries(TEAM_MEMBER_FACTS))
      expect(labelOf('teamMemberFact', name)).toBe(info.label);
    for (const kinds of Object.values(OCCURRENCES))
      for (const [k, label] of Object.entries(kinds)) expect(labelOf('ruleOccurrence', k)).toBe(label);
    for (const t of Trigger.options) expect(labelOf('ruleTrigger', t)).not.toBe('未知');
    for (const rule of Object.values(DEFAULT_CATALOGUE))
      for (const r of rule.alert.recipientRoles) expect(labelOf('recipientRole', r)).not.toBe('未知');
  });
});
