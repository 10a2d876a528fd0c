import { Condition, Operand, RuleBody } from '../../apps/rules/src/engine/rule-language';

/**
 * The same rules in the peers' languages, translated mechanically from ours so all three engines
 * run exactly the same conditions: json-logic-engine (JSON Logic) and json-rules-engine.
 * Parameters are inlined; fact operands become variable / fact references. The window and history
 * operators (forMonths, countWithin, changed) have no counterpart in either and are refused here.
 */

/** Fact names as the peers see them: JSON Logic reads dots as paths, so `event.kind` is `event_kind`. */
export const peerName = (fact: string) => fact.replace(/\./g, '_');

type JsonLogic = Record<string, unknown> | string | number | boolean | null;

const jlOperand = (o: Operand, params: RuleBody['params']): JsonLogic => {
  if (o !== null && typeof o === 'object') return 'fact' in o ? { var: peerName(o.fact) } : params[o.param];
  return o;
};

export function toJsonLogic(c: Condition, params: RuleBody['params']): JsonLogic {
  if ('all' in c) return { and: c.all.map((x) => toJsonLogic(x, params)) };
  if ('any' in c) return { or: c.any.map((x) => toJsonLogic(x, params)) };
  if ('not' in c) return { '!': toJsonLogic(c.not, params) };
  if ('changed' in c || 'forMonths' in c || 'countWithin' in c || 'forecastBelowLine' in c) throw new Error('no JSON Logic counterpart');
  const v = { var: peerName(c.fact) };
  switch (c.op) {
    case 'exists':
      return { '!=': [v, null] };
    case 'missing':
      return { '==': [v, null] };
    case 'in':
      return { in: [v, c.value] };
    case 'notIn':
      return { '!': { in: [v, c.value] } };
    case 'between':
      return { '<=': [jlOperand(c.value[0], params), v, jlOperand(c.value[1], params)] };
    case '==':
      return { '===': [v, jlOperand(c.value, params)] };
    case '!=':
      return { '!==': [v, jlOperand(c.value, params)] };
    default:
      return { [c.op]: [v, jlOperand(c.value, params)] };
  }
}

export type JreCondition =
  | { all: JreCondition[] }
  | { any: JreCondition[] }
  | { not: JreCondition }
  | { fact: string; operator: string; value: unknown };

const JRE_OP: Record<string, string> = {
  '<': 'lessThan',
  '<=': 'lessThanInclusive',
  '>': 'greaterThan',
  '>=': 'greaterThanInclusive',
  '==': 'equal',
  '!=': 'notEqual',
  in: 'in',
  notIn: 'notIn',
};

const jreOperand = (o: Operand, params: RuleBody['params']): unknown => {
  if (o !== null && typeof o === 'object') return 'fact' in o ? { fact: peerName(o.fact) } : params[o.param];
  return o;
};

export function toJsonRulesEngine(c: Condition, params: RuleBody['params']): JreCondition {
  if ('all' in c) return { all: c.all.map((x) => toJsonRulesEngine(x, params)) };
  if ('any' in c) return { any: c.any.map((x) => toJsonRulesEngine(x, params)) };
  if ('not' in c) return { not: toJsonRulesEngine(c.not, params) };
  if ('changed' in c || 'forMonths' in c || 'countWithin' in c || 'forecastBelowLine' in c)
    throw new Error('no json-rules-engine counterpart');
  const fact = peerName(c.fact);
  switch (c.op) {
    case 'exists':
      return { fact, operator: 'notEqual', value: null };
    case 'missing':
      return { fact, operator: 'equal', value: null };
    case 'between':
      return {
        all: [
          { fact, operator: 'greaterThanInclusive', value: jreOperand(c.value[0], params) },
          { fact, operator: 'lessThanInclusive', value: jreOperand(c.value[1], params) },
        ],
      };
    case 'in':
    case 'notIn':
      return { fact, operator: JRE_OP[c.op], value: c.value };
    default:
      return { fact, operator: JRE_OP[c.op], value: jreOperand(c.value, params) };
  }
}
