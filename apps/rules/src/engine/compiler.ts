import { ComparisonOp, Condition, Operand, RuleBody } from './rule-language';
import { EvalContext, FactInfo, factSlots, factsOf, FactType, FactValue, OCCURRENCES } from './facts';
import { compileForecastBelowLine } from './forecast-condition';

/**
 * Compiles a rule (data) into plain closures — no eval, no `new Function`. Every name is resolved
 * and every type checked at compile time; a rule that does not compile is refused with the path of
 * the offending node and the reason.
 *
 * Evaluation is three-valued: true, false, or null (unknown: a fact it needs is missing). Unknown
 * neither raises nor resolves. all/any/not follow Kleene logic.
 */
export type Truth = boolean | null;
type Test = (ctx: EvalContext) => Truth;
type Getter = (ctx: EvalContext) => FactValue | undefined;

export interface ExplainedFact {
  name: string;
  label: string;
  value: string | number | boolean | null;
}

export interface CompiledRule {
  readonly body: RuleBody;
  test(ctx: EvalContext): Truth;
  /** The facts (and derived figures) the condition read, with their values: why it holds. */
  explain(ctx: EvalContext): ExplainedFact[];
  title(ctx: EvalContext): string;
  message(ctx: EvalContext): string;
  /** The alert period of a day: YYYY, YYYY-MM or YYYY-MM-DD. */
  periodOf(day: string): string;
}

export class RuleCompileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

const DAY_MS = 86_400_000;

/** The day `days` before a YYYY-MM-DD day. */
export function dayMinus(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** The months ending with the day's month, newest first (YYYY-MM). */
export function monthsBack(day: string, n: number): string[] {
  let y = Number(day.slice(0, 4));
  let m = Number(day.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (--m === 0) {
      m = 12;
      y--;
    }
  }
  return out;
}

const compare = (op: ComparisonOp, a: FactValue, b: FactValue): boolean => {
  switch (op) {
    case '<':
      return (a as number) < (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>':
      return (a as number) > (b as number);
    case '>=':
      return (a as number) >= (b as number);
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
};

const ORDERED: ReadonlySet<ComparisonOp> = new Set(['<', '<=', '>', '>=']);

const typeOfLiteral = (v: FactValue): FactType | 'null' => (v === null ? 'null' : (typeof v as FactType));

/** A fact against a constant: one closure per operator, no dispatch at evaluation time. */
function comparisonWithConstant(slot: number, op: ComparisonOp, k: FactValue): Test {
  switch (op) {
    case '<':
      return (ctx) => {
        const v = ctx.values[slot];
        return v == null ? null : (v as number) < (k as number);
      };
    case '<=':
      return (ctx) => {
        const v = ctx.values[slot];
        return v == null ? null : (v as number) <= (k as number);
      };
    case '>':
      return (ctx) => {
        const v = ctx.values[slot];
        return v == null ? null : (v as number) > (k as number);
      };
    case '>=':
      return (ctx) => {
        const v = ctx.values[slot];
        return v == null ? null : (v as number) >= (k as number);
      };
    case '==':
      return (ctx) => {
        const v = ctx.values[slot];
        return v == null ? null : v === k;
      };
    case '!=':
      return (ctx) => {
        const v = ctx.values[slot];
        return v == null ? null : v !== k;
      };
  }
}

/** A fact against another fact (e.g. income against the line). */
function comparisonOfFacts(slot: number, op: ComparisonOp, other: number): Test {
  if (op === '<')
    return (ctx) => {
      const v = ctx.values[slot];
      const r = ctx.values[other];
      return v == null || r == null ? null : (v as number) < (r as number);
    };
  if (op === '>')
    return (ctx) => {
      const v = ctx.values[slot];
      const r = ctx.values[other];
      return v == null || r == null ? null : (v as number) > (r as number);
    };
  if (op === '!=')
    return (ctx) => {
      const v = ctx.values[slot];
      const r = ctx.values[other];
      return v == null || r == null ? null : v !== r;
    };
  if (op === '==')
    return (ctx) => {
      const v = ctx.values[slot];
      const r = ctx.values[other];
      return v == null || r == null ? null : v === r;
    };
  return (ctx) => {
    const v = ctx.values[slot];
    const r = ctx.values[other];
    return v == null || r == null ? null : compare(op, v, r);
  };
}

export function compileRule(body: RuleBody): CompiledRule {
  const facts = factsOf(body.subjectType);
  const slots = factSlots(body.subjectType);
  const occurrences = OCCURRENCES[body.subjectType];
  const explainers: Array<(ctx: EvalContext) => ExplainedFact> = [];
  const explained = new Set<string>();

  const explainFact = (name: string) => {
    if (explained.has(name)) return;
    explained.add(name);
    const label = facts[name].label;
    explainers.push((ctx) => ({ name, label, value: ctx.facts[name] ?? null }));
  };

  const knownFact = (name: string, path: string): FactInfo => {
    const info = facts[name];
    if (!info)
      throw new RuleCompileError(
        path,
        `未知的事实 "${name}" (unknown fact for ${body.subjectType}; known: ${Object.keys(facts).join(', ')})`,
      );
    return info;
  };

  /** An operand as a getter and its static type ('null' for a null literal, undefined when unknown). */
  const operand = (
    o: Operand,
    path: string,
  ): { get: Getter; type: FactType | 'null'; constant?: FactValue; fact?: string } => {
    if (o !== null && typeof o === 'object') {
      if ('fact' in o) {
        const info = knownFact(o.fact, `${path}.fact`);
        explainFact(o.fact);
        const name = o.fact;
        const slot = slots[name];
        return { get: (ctx) => ctx.values[slot], type: info.type, fact: name };
      }
      const name = o.param;
      if (!(name in body.params))
        throw new RuleCompileError(`${path}.param`, `未定义的参数 "${name}" (no such param in params)`);
      const v = body.params[name];
      if (!explained.has(`param.${name}`)) {
        explained.add(`param.${name}`);
        explainers.push(() => ({ name: `param.${name}`, label: `参数 ${name}`, value: v }));
      }
      return { get: () => v, type: typeof v as FactType, constant: v };
    }
    return { get: () => o, type: typeOfLiteral(o), constant: o };
  };

  const checkComparable = (op: ComparisonOp, left: FactType, right: FactType | 'null', path: string) => {
    if (ORDERED.has(op)) {
      if (left !== 'number') throw new RuleCompileError(path, `"${op}" 只能用于数值 (needs a number fact)`);
      if (right !== 'number')
        throw new RuleCompileError(path, `"${op}" 的比较值必须是数值 (value must be a number)`);
    } else if (right !== 'null' && right !== left) {
      throw new RuleCompileError(path, `类型不一致: 事实为 ${left}, 比较值为 ${right} (type mismatch)`);
    }
  };

  const cond = (c: Condition, path: string): Test => {
    if ('all' in c) {
      const parts = c.all.map((x, i) => cond(x, `${path}.all.${i}`));
      if (parts.length === 1) return parts[0];
      if (parts.length === 2) {
        const [a, b] = parts;
        return (ctx) => {
          const x = a(ctx);
          if (x === false) return false;
          const y = b(ctx);
          if (y === false) return false;
          return x === null || y === null ? null : true;
        };
      }
      if (parts.length === 3) {
        const [a, b, c3] = parts;
        return (ctx) => {
          const x = a(ctx);
          if (x === false) return false;
          const y = b(ctx);
          if (y === false) return false;
          const z = c3(ctx);
          if (z === false) return false;
          return x === null || y === null || z === null ? null : true;
        };
      }
      return (ctx) => {
        let unknown = false;
        for (const p of parts) {
          const r = p(ctx);
          if (r === false) return false;
          if (r === null) unknown = true;
        }
        return unknown ? null : true;
      };
    }
    if ('any' in c) {
      const parts = c.any.map((x, i) => cond(x, `${path}.any.${i}`));
      if (parts.length === 1) return parts[0];
      if (parts.length === 2) {
        const [a, b] = parts;
        return (ctx) => {
          const x = a(ctx);
          if (x === true) return true;
          const y = b(ctx);
          if (y === true) return true;
          return x === null || y === null ? null : false;
        };
      }
      return (ctx) => {
        let unknown = false;
        for (const p of parts) {
          const r = p(ctx);
          if (r === true) return true;
          if (r === null) unknown = true;
        }
        return unknown ? null : false;
      };
    }
    if ('not' in c) {
      const inner = cond(c.not, `${path}.not`);
      return (ctx) => {
        const r = inner(ctx);
        return r === null ? null : !r;
      };
    }
    if ('changed' in c) {
      const { fact, by, direction } = c.changed;
      const info = knownFact(fact, `${path}.changed.fact`);
      if (info.type !== 'number')
        throw new RuleCompileError(`${path}.changed.fact`, '必须是数值事实 (needs a number fact)');
      const limit = operand(c.changed.moreThan, `${path}.changed.moreThan`);
      if (limit.type !== 'number')
        throw new RuleCompileError(`${path}.changed.moreThan`, '必须是数值 (must be a number)');
      explainFact(fact);
      const factSlot = slots[fact];
      explainers.push((ctx) => ({
        name: `previous.${fact}`,
        label: `此前${info.label}`,
        value: ctx.previous[fact] ?? null,
      }));
      return (ctx) => {
        const cur = ctx.values[factSlot];
        const prev = ctx.previous[fact];
        const lim = limit.get(ctx);
        if (typeof cur !== 'number' || typeof prev !== 'number' || typeof lim !== 'number') return null;
        let delta = cur - prev;
        if (by === 'ratio') {
          if (prev === 0) return null;
          delta = delta / Math.abs(prev);
        }
        if (direction === 'down') return -delta > lim;
        if (direction === 'up') return delta > lim;
        return Math.abs(delta) > lim;
      };
    }
    if ('forecastBelowLine' in c) {
      if (body.subjectType !== 'household')
        throw new RuleCompileError(`${path}.forecastBelowLine`, '收入预测只适用于农户 (households only)');
      const compiled = compileForecastBelowLine(c);
      explainers.push(...compiled.explainers);
      return compiled.test;
    }
    if ('forMonths' in c) {
      const { months, fact, op } = c.forMonths;
      const info = knownFact(fact, `${path}.forMonths.fact`);
      if (!info.monthly)
        throw new RuleCompileError(
          `${path}.forMonths.fact`,
          `"${fact}" 没有按月记录 (is not kept per month)`,
        );
      const right = operand(c.forMonths.value, `${path}.forMonths.value`);
      checkComparable(op, info.type, right.type, `${path}.forMonths.op`);
      explainers.push((ctx) => ({
        name: `${fact}.last${months}Months`,
        label: `近${months}个月${info.label}`,
        value: monthsBack(ctx.asOf, months)
          .map((m) => `${m}:${ctx.monthly[fact]?.[m] ?? '—'}`)
          .join(', '),
      }));
      return (ctx) => {
        const series = ctx.monthly[fact];
        const r = right.get(ctx);
        if (r === undefined || (r === null && ORDERED.has(op))) return null;
        if (!series) return false;
        for (const m of monthsBack(ctx.asOf, months)) {
          const v = series[m];
          if (v === undefined || v === null || !compare(op, v, r)) return false;
        }
        return true;
      };
    }
    if ('countWithin' in c) {
      const { occurrence, days, op } = c.countWithin;
      const label = occurrences[occurrence];
      if (!label)
        throw new RuleCompileError(
          `${path}.countWithin.occurrence`,
          `未知的记录类型 "${occurrence}" (known: ${Object.keys(occurrences).join(', ')})`,
        );
      const right = operand(c.countWithin.value, `${path}.countWithin.value`);
      checkComparable(op, 'number', right.type, `${path}.countWithin.op`);
      // The most occurrences in a window of `days` days that contains asOf. Windows ending after
      // asOf matter when occurrences arrive out of order (flags of three days published 27th, 26th,
      // 25th): the window ending at the 27th still holds all three when the 25th is evaluated.
      const count = (ctx: EvalContext) => {
        const list = ctx.occurrences[occurrence] ?? [];
        const lastEnd = dayMinus(ctx.asOf, 1 - days);
        let best = 0;
        for (const end of [ctx.asOf, ...list.filter((d) => d > ctx.asOf && d <= lastEnd)]) {
          const from = dayMinus(end, days);
          let n = 0;
          for (const d of list) if (d > from && d <= end) n++;
          if (n > best) best = n;
        }
        return best;
      };
      explainers.push((ctx) => ({
        name: `count.${occurrence}.${days}d`,
        label: `近${days}天${label}次数`,
        value: count(ctx),
      }));
      return (ctx) => {
        const r = right.get(ctx);
        if (r === undefined || r === null) return null;
        return compare(op, count(ctx), r);
      };
    }
    // comparisons on one fact
    const info = knownFact(c.fact, `${path}.fact`);
    explainFact(c.fact);
    const name = c.fact;
    const slot = slots[name];
    if (c.op === 'exists') return (ctx) => ctx.values[slot] != null;
    if (c.op === 'missing') return (ctx) => ctx.values[slot] == null;
    if (c.op === 'in' || c.op === 'notIn') {
      c.value.forEach((v, i) => {
        if (typeof v !== info.type)
          throw new RuleCompileError(`${path}.value.${i}`, `类型不一致: 事实为 ${info.type} (type mismatch)`);
      });
      const set = new Set<FactValue>(c.value);
      const want = c.op === 'in';
      return (ctx) => {
        const v = ctx.values[slot];
        if (v === undefined || v === null) return null;
        return set.has(v) === want;
      };
    }
    if (c.op === 'between') {
      if (info.type !== 'number')
        throw new RuleCompileError(`${path}.op`, '"between" 只能用于数值 (needs a number fact)');
      const lo = operand(c.value[0], `${path}.value.0`);
      const hi = operand(c.value[1], `${path}.value.1`);
      if (lo.type !== 'number' || hi.type !== 'number')
        throw new RuleCompileError(`${path}.value`, '区间上下限必须是数值 (bounds must be numbers)');
      return (ctx) => {
        const v = ctx.values[slot];
        const a = lo.get(ctx);
        const b = hi.get(ctx);
        if (typeof v !== 'number' || typeof a !== 'number' || typeof b !== 'number') return null;
        return v >= a && v <= b;
      };
    }
    const cmp = c as { fact: string; op: ComparisonOp; value: Operand };
    const op = cmp.op;
    const right = operand(cmp.value, `${path}.value`);
    checkComparable(op, info.type, right.type, `${path}.op`);
    if (right.type === 'null') {
      // == null / != null: presence tests, never unknown
      return op === '==' ? (ctx) => ctx.values[slot] == null : (ctx) => ctx.values[slot] != null;
    }
    // specialised closures per operator (what a code generator would emit, without eval)
    if (right.constant !== undefined) return comparisonWithConstant(slot, op, right.constant);
    const other = right.fact;
    if (other !== undefined) return comparisonOfFacts(slot, op, slots[other]);
    return (ctx) => {
      const v = ctx.values[slot];
      const r = right.get(ctx);
      if (v === undefined || v === null || r === undefined || r === null) return null;
      return compare(op, v, r);
    };
  };

  const template = (text: string, path: string) => {
    const parts: Array<string | Getter> = [];
    let last = 0;
    for (const m of text.matchAll(/\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g)) {
      parts.push(text.slice(last, m.index));
      const name = m[1];
      if (name.startsWith('param.')) {
        const p = name.slice(6);
        if (!(p in body.params)) throw new RuleCompileError(path, `未定义的参数 "${p}" (no such param)`);
        const v = body.params[p];
        parts.push(() => v);
      } else {
        knownFact(name, path);
        parts.push((ctx) => ctx.facts[name]);
      }
      last = (m.index ?? 0) + m[0].length;
    }
    parts.push(text.slice(last));
    return (ctx: EvalContext) =>
      parts
        .map((p) => {
          if (typeof p === 'string') return p;
          const v = p(ctx);
          if (v === undefined || v === null) return '—';
          if (typeof v === 'number') return String(Math.round(v * 100) / 100);
          return String(v);
        })
        .join('');
  };

  const test = cond(body.when, 'rule.when');
  const title = template(body.alert.title, 'rule.alert.title');
  const message = template(body.alert.message, 'rule.alert.message');
  for (const t of body.on) {
    const ok =
      t === 'daily' || (body.subjectType === 'household' ? t !== 'attendance-flag' : t === 'attendance-flag');
    if (!ok)
      throw new RuleCompileError(
        'rule.on',
        `"${t}" 不适用于 ${body.subjectType} (no such events for this subject)`,
      );
  }
  const slice = body.period === 'year' ? 4 : body.period === 'month' ? 7 : 10;

  return {
    body,
    test,
    explain: (ctx) => explainers.map((e) => e(ctx)),
    title,
    message,
    periodOf: (day) => day.slice(0, slice),
  };
}
