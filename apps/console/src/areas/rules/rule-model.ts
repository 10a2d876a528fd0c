/**
 * The rule language as the console edits it (the shapes of apps/rules/src/engine/rule-language.ts),
 * the node kinds of the condition tree, and the mapping of the API's problem paths
 * (`rule.when.all.1.fact`) onto the editor's nodes and fields.
 */
import { LABELS } from '@lib/contracts/labels';
import type { Problem } from '@/api/client';

export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type Scalar = number | string | boolean | null;
export type Operand = Scalar | { fact: string } | { param: string };

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; op: ComparisonOp; value: Operand }
  | { fact: string; op: 'between'; value: [Operand, Operand] }
  | { fact: string; op: 'in' | 'notIn'; value: Array<string | number | boolean> }
  | { fact: string; op: 'exists' | 'missing' }
  | { changed: { fact: string; by: 'ratio' | 'amount'; direction: 'down' | 'up' | 'either'; moreThan: Operand } }
  | { forMonths: { months: number; fact: string; op: ComparisonOp; value: Operand } }
  | { countWithin: { occurrence: string; days: number; op: ComparisonOp; value: Operand } }
  | { forecastBelowLine: { withinMonths: number; bound?: 'expected' | 'lower'; chance?: number } };

export type SubjectType = 'household' | 'team-member';

export interface RuleBody {
  name: string;
  description?: string;
  subjectType: SubjectType;
  on: string[];
  when: Condition;
  params: Record<string, number | string | boolean>;
  period: 'year' | 'month' | 'day';
  autoResolve: boolean;
  alert: {
    severity: 'low' | 'medium' | 'high';
    title: string;
    message: string;
    recipientRoles: string[];
    escalateAfterMinutes?: number;
  };
}

export interface RuleScope {
  countyCode: string;
  townCode: string | null;
}

export interface RuleVersion {
  ruleId: string;
  version: number;
  scope: RuleScope;
  enabled: boolean;
  effectiveFrom: string;
  rule: RuleBody;
  createdBy: string;
  createdAt: string;
}

/** The kinds of node the editor offers (labels: `conditionKind`). */
export type NodeKind =
  | 'all'
  | 'any'
  | 'not'
  | 'compare'
  | 'between'
  | 'in'
  | 'exists'
  | 'changed'
  | 'forMonths'
  | 'countWithin'
  | 'forecastBelowLine';

export const NODE_KINDS: NodeKind[] = [
  'all',
  'any',
  'not',
  'compare',
  'between',
  'in',
  'exists',
  'changed',
  'forMonths',
  'countWithin',
  'forecastBelowLine',
];

export function kindOf(c: Condition): NodeKind {
  if ('all' in c) return 'all';
  if ('any' in c) return 'any';
  if ('not' in c) return 'not';
  if ('changed' in c) return 'changed';
  if ('forMonths' in c) return 'forMonths';
  if ('countWithin' in c) return 'countWithin';
  if ('forecastBelowLine' in c) return 'forecastBelowLine';
  if (c.op === 'between') return 'between';
  if (c.op === 'in' || c.op === 'notIn') return 'in';
  if (c.op === 'exists' || c.op === 'missing') return 'exists';
  return 'compare';
}

/** A new node of a kind, with blanks the user fills in (a blank fact is an error at the node). */
export function blankNode(kind: NodeKind, fact = ''): Condition {
  switch (kind) {
    case 'all':
      return { all: [blankNode('compare', fact)] };
    case 'any':
      return { any: [blankNode('compare', fact)] };
    case 'not':
      return { not: blankNode('compare', fact) };
    case 'compare':
      return { fact, op: '<', value: 0 };
    case 'between':
      return { fact, op: 'between', value: [0, 0] };
    case 'in':
      return { fact, op: 'in', value: [] };
    case 'exists':
      return { fact, op: 'exists' };
    case 'changed':
      return { changed: { fact, by: 'ratio', direction: 'down', moreThan: 0.3 } };
    case 'forMonths':
      return { forMonths: { months: 3, fact, op: '<', value: 0 } };
    case 'countWithin':
      return { countWithin: { occurrence: '', days: 30, op: '>=', value: 3 } };
    case 'forecastBelowLine':
      return { forecastBelowLine: { withinMonths: 3 } };
  }
}

/** Replaces a node's content in place (its parent keeps the same object). */
export function replaceNode(node: Condition, next: Condition): void {
  const n = node as Record<string, unknown>;
  for (const k of Object.keys(n)) delete n[k];
  Object.assign(n, next);
}

/** The facts a subject type may read, with their Chinese labels. */
export function factsOf(subjectType: SubjectType): Record<string, string> {
  return subjectType === 'household' ? LABELS.householdFact : LABELS.teamMemberFact;
}

const OCCURRENCES: Record<SubjectType, string[]> = {
  household: ['disaster_report', 'serious_illness_diagnosed', 'school_dropout'],
  'team-member': ['morning_evening_only', 'commuting', 'missing_day', 'shared_device'],
};
export const occurrencesOf = (t: SubjectType) => OCCURRENCES[t];

// ---------------------------------------------------------------------------------------------
// Problems → nodes

/** One problem shown at a node: the field of the node it names (fact, op, value…), if any. */
export interface NodeProblem {
  field: string | null;
  reason: string;
}

export interface MappedProblems {
  /** By node path ('rule.when', 'rule.when.all.1', 'rule.when.not.any.0'). */
  nodes: Record<string, NodeProblem[]>;
  /** Everything else, by the API's path ('rule.alert.title', 'scope.townCode', 'effectiveFrom'). */
  fields: Record<string, string>;
}

const WRAPPED = new Set(['changed', 'forMonths', 'countWithin', 'forecastBelowLine']);
const isIndex = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);

/**
 * Where an API problem belongs in the condition tree: the deepest node its path reaches, and the
 * field of that node the rest of the path names. `rule.when.all.1.fact` → node `rule.when.all.1`,
 * field `fact`; `rule.when.all.0.changed.moreThan` → node `rule.when.all.0`, field `moreThan`;
 * `rule.when.all.1` (a node the schema cannot read) → that node, no field. A path past the tree
 * (an index that does not exist) stays at the last node it reached.
 */
export function locate(path: string, when: Condition | undefined, root = 'rule.when'): NodeProblem & { node: string } {
  const rest = path === root ? [] : path.slice(root.length + 1).split('.');
  let node: unknown = when;
  let at = root;
  let i = 0;
  while (i < rest.length && node && typeof node === 'object') {
    const seg = rest[i];
    const n = node as Record<string, unknown>;
    if ((seg === 'all' || seg === 'any') && Array.isArray(n[seg]) && isIndex(rest[i + 1])) {
      const child = (n[seg] as unknown[])[Number(rest[i + 1])];
      if (child === undefined) break;
      node = child;
      at = `${at}.${seg}.${rest[i + 1]}`;
      i += 2;
      continue;
    }
    if (seg === 'not' && n.not && typeof n.not === 'object') {
      node = n.not;
      at = `${at}.not`;
      i += 1;
      continue;
    }
    break;
  }
  const left = rest.slice(i);
  const field = WRAPPED.has(left[0] ?? '') ? (left[1] ?? null) : (left[0] ?? null);
  return { node: at, field, reason: '' };
}

/** Sorts the API's problems onto the editor: condition nodes, and the other fields by path. */
export function mapProblems(problems: Problem[], when: Condition | undefined, root = 'rule.when'): MappedProblems {
  const out: MappedProblems = { nodes: {}, fields: {} };
  for (const p of problems) {
    const reason = zhReason(p.reason);
    if (p.field === root || p.field.startsWith(`${root}.`)) {
      const { node, field } = locate(p.field, when, root);
      (out.nodes[node] ??= []).push({ field, reason });
    } else {
      out.fields[p.field] = out.fields[p.field] ? `${out.fields[p.field]}；${reason}` : reason;
    }
  }
  return out;
}

/** The problems of one node, for one field (null: the node as a whole). */
export function problemAt(m: MappedProblems, node: string, field: string | null): string | undefined {
  const list = m.nodes[node]?.filter((p) => p.field === field);
  return list?.length ? list.map((p) => p.reason).join('；') : undefined;
}

const ZOD: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^Required$/, () => '必填'],
  [/^Invalid input$/, () => '条件的写法不正确'],
  [/^Expected number, received (\w+)$/, () => '须为数值'],
  [/^Expected boolean, received (\w+)$/, () => '须为“是”或“否”'],
  [/^Expected string, received (\w+)$/, () => '须为文字'],
  [/^String must contain at least (\d+) character/, (m) => `至少 ${m[1]} 个字`],
  [/^String must contain at most (\d+) character/, (m) => `最多 ${m[1]} 个字`],
  [/^Array must contain at least (\d+) element/, (m) => `至少 ${m[1]} 项`],
  [/^Array must contain at most (\d+) element/, (m) => `最多 ${m[1]} 项`],
  [/^Number must be greater than or equal to (\S+)$/, (m) => `不能小于 ${m[1]}`],
  [/^Number must be less than or equal to (\S+)$/, (m) => `不能大于 ${m[1]}`],
  [/^Number must be greater than 0$/, () => '须大于 0'],
  [/^Expected integer, received float$/, () => '须为整数'],
  [/^Invalid enum value/, () => '不是可选的值'],
  [/^Unrecognized key\(s\) in object: (.*)$/, (m) => `不认识的字段 ${m[1]}`],
  [/^must be a date YYYY-MM-DD$/, () => '须为日期，如 2026-01-01'],
  [/^must be a town of countyCode$/, () => '须为本县的乡镇'],
];

/**
 * The API's reason in Chinese: the compiler's reasons are bilingual ("未知的事实 "x" (unknown fact …)"),
 * the schema's are zod's English; the English aside is dropped, known English sentences translated.
 */
export function zhReason(reason: string): string {
  const r = reason.replace(/^规则无法编译 \(rule does not compile\):\s*/, '').trim();
  for (const [re, zh] of ZOD) {
    const m = r.match(re);
    if (m) return zh(m);
  }
  if (/[\u4e00-\u9fff]/.test(r)) return r.replace(/\s*\([^()\u4e00-\u9fff]*(\([^()]*\)[^()\u4e00-\u9fff]*)*\)\s*$/, '').trim();
  return `输入有误：${r}`;
}

// ---------------------------------------------------------------------------------------------
// The checks the console makes as the user types (the compiler's name checks, same paths)

const operandProblems = (o: Operand, path: string, rule: RuleBody, facts: Record<string, string>): Problem[] => {
  if (o !== null && typeof o === 'object') {
    if ('fact' in o && !Object.hasOwn(facts, o.fact))
      return [{ field: `${path}.fact`, reason: o.fact ? `未知的事实 "${o.fact}"` : '请选择事实' }];
    if ('param' in o && !Object.hasOwn(rule.params, o.param))
      return [{ field: `${path}.param`, reason: o.param ? `未定义的参数 "${o.param}"` : '请选择参数' }];
  }
  if (typeof o === 'number' && !Number.isFinite(o)) return [{ field: path, reason: '须为数值' }];
  return [];
};

function conditionProblems(c: Condition, path: string, rule: RuleBody): Problem[] {
  const facts = factsOf(rule.subjectType);
  const fact = (name: string, at: string): Problem[] =>
    Object.hasOwn(facts, name) ? [] : [{ field: at, reason: name ? `未知的事实 "${name}"` : '请选择事实' }];
  if ('all' in c || 'any' in c) {
    const key = 'all' in c ? 'all' : 'any';
    const list = (c as Record<string, Condition[]>)[key];
    if (list.length === 0) return [{ field: `${path}.${key}`, reason: '至少 1 项' }];
    return list.flatMap((child, i) => conditionProblems(child, `${path}.${key}.${i}`, rule));
  }
  if ('not' in c) return conditionProblems(c.not, `${path}.not`, rule);
  if ('changed' in c)
    return [
      ...fact(c.changed.fact, `${path}.changed.fact`),
      ...operandProblems(c.changed.moreThan, `${path}.changed.moreThan`, rule, facts),
    ];
  if ('forMonths' in c)
    return [
      ...fact(c.forMonths.fact, `${path}.forMonths.fact`),
      ...operandProblems(c.forMonths.value, `${path}.forMonths.value`, rule, facts),
    ];
  if ('forecastBelowLine' in c) {
    const n = c.forecastBelowLine.withinMonths;
    return Number.isInteger(n) && n >= 1 && n <= 3
      ? []
      : [{ field: `${path}.forecastBelowLine.withinMonths`, reason: '须为 1–3 个月' }];
  }
  if ('countWithin' in c) {
    const ok = occurrencesOf(rule.subjectType).includes(c.countWithin.occurrence);
    return [
      ...(ok ? [] : [{ field: `${path}.countWithin.occurrence`, reason: '请选择要计数的情况' }]),
      ...operandProblems(c.countWithin.value, `${path}.countWithin.value`, rule, facts),
    ];
  }
  const own = fact(c.fact, `${path}.fact`);
  if (c.op === 'between') return [...own, ...c.value.flatMap((v, i) => operandProblems(v, `${path}.value.${i}`, rule, facts))];
  if (c.op === 'in' || c.op === 'notIn')
    return [...own, ...(c.value.length === 0 ? [{ field: `${path}.value`, reason: '至少填写 1 个值' }] : [])];
  if (c.op === 'exists' || c.op === 'missing') return own;
  return [...own, ...operandProblems((c as { value: Operand }).value, `${path}.value`, rule, facts)];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

function templateProblems(text: string, path: string, rule: RuleBody): Problem[] {
  const facts = factsOf(rule.subjectType);
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1];
    if (name.startsWith('param.') ? !Object.hasOwn(rule.params, name.slice(6)) : !Object.hasOwn(facts, name))
      return [{ field: path, reason: `未知的占位符 {{${name}}}` }];
  }
  return [];
}

/** What the console can tell before asking the API (names, blanks); the API's compiler has the last word. */
export function checkRule(rule: RuleBody): Problem[] {
  const out: Problem[] = [];
  if (!rule.name.trim()) out.push({ field: 'rule.name', reason: '请填写规则名称' });
  if (rule.on.length === 0) out.push({ field: 'rule.on', reason: '至少选择 1 个触发时机' });
  if (!rule.alert.title.trim()) out.push({ field: 'rule.alert.title', reason: '请填写预警标题' });
  if (!rule.alert.message.trim()) out.push({ field: 'rule.alert.message', reason: '请填写预警内容' });
  if (rule.alert.recipientRoles.length === 0)
    out.push({ field: 'rule.alert.recipientRoles', reason: '至少选择 1 类接收人' });
  out.push(...templateProblems(rule.alert.title, 'rule.alert.title', rule));
  out.push(...templateProblems(rule.alert.message, 'rule.alert.message', rule));
  out.push(...conditionProblems(rule.when, 'rule.when', rule));
  return out;
}

/** A deep copy of a rule (editing never changes the version shown beside it). */
export const cloneRule = (r: RuleBody): RuleBody => JSON.parse(JSON.stringify(r)) as RuleBody;

/** A new household rule to start from. */
export function blankRule(): RuleBody {
  return {
    name: '',
    description: '',
    subjectType: 'household',
    on: ['survey'],
    when: { all: [blankNode('compare', 'perCapitaNetIncome')] },
    params: {},
    period: 'month',
    autoResolve: false,
    alert: { severity: 'medium', title: '', message: '', recipientRoles: ['paired-cadre', 'village-cadre'] },
  };
}

/** The scope key of a version: its town, its county, or '*' (the platform default). */
export const scopeKeyOf = (s: RuleScope) => s.townCode ?? s.countyCode;

/**
 * The version that applies in a unit today: the town's over the county's over the platform's, the
 * highest version whose effectiveFrom has come (the rule book's choice).
 */
export function effectiveVersion(versions: RuleVersion[], unit: string, today: string): RuleVersion | null {
  const keys = [unit.length >= 9 ? unit.slice(0, 9) : null, unit.slice(0, 6), '*'].filter(Boolean) as string[];
  for (const key of keys) {
    const inScope = versions
      .filter((v) => scopeKeyOf(v.scope) === key && v.effectiveFrom <= today)
      .sort((a, b) => b.version - a.version);
    if (inScope.length) return inScope[0];
  }
  return null;
}
