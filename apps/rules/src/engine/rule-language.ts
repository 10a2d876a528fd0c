import { z } from 'zod';
import { refusals } from '@lib/contracts';
import { Trigger } from '../subjects/domain/subject-facts';

/**
 * The rule language (规则语言): a rule is JSON data — a condition over a subject's facts and what to
 * do when it holds. Documented in apps/rules/README.md. Compiled to closures by ./compiler.ts.
 */

export const ComparisonOp = z.enum(['<', '<=', '>', '>=', '==', '!=']);
export type ComparisonOp = z.infer<typeof ComparisonOp>;

const Scalar = z.union([z.number().finite(), z.string().max(200), z.boolean(), z.null()]);

/** A literal, another fact's value (`{ "fact": "threshold" }`) or a rule parameter (`{ "param": "x" }`). */
export const Operand = z.union([
  Scalar,
  z.object({ fact: z.string().min(1).max(64) }).strict(),
  z.object({ param: z.string().min(1).max(64) }).strict(),
]);
export type Operand = z.infer<typeof Operand>;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; op: ComparisonOp; value: Operand }
  | { fact: string; op: 'between'; value: [Operand, Operand] }
  | { fact: string; op: 'in' | 'notIn'; value: Array<string | number | boolean> }
  | { fact: string; op: 'exists' | 'missing' }
  | {
      changed: {
        fact: string;
        by: 'ratio' | 'amount';
        direction: 'down' | 'up' | 'either';
        moreThan: Operand;
      };
    }
  | { forMonths: { months: number; fact: string; op: ComparisonOp; value: Operand } }
  | { countWithin: { occurrence: string; days: number; op: ComparisonOp; value: Operand } }
  | ForecastBelowLineCondition;

/**
 * 趋势预警: the household's income forecast (monitoring's household-income.forecast.v1) is under the
 * year's line (`threshold`) within `withinMonths` months — its expected figure, or the lower end of its
 * 80 % band with `bound: "lower"`, or — with `chance` (percent, 1–50) — when the month is under the line
 * with at least that chance (expected − z·σ√h). Unknown without a forecast or a line. See ./forecast-condition.ts.
 */
export interface ForecastBelowLineCondition {
  forecastBelowLine: { withinMonths: number; bound?: 'expected' | 'lower'; chance?: number };
}

/**
 * The shape only; meaning (known facts, types, parameters) is checked by the compiler, which answers
 * with the path and the reason.
 */
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(Condition).min(1).max(50) }).strict(),
    z.object({ any: z.array(Condition).min(1).max(50) }).strict(),
    z.object({ not: Condition }).strict(),
    z.object({ fact: z.string().min(1).max(64), op: ComparisonOp, value: Operand }).strict(),
    z
      .object({
        fact: z.string().min(1).max(64),
        op: z.literal('between'),
        value: z.tuple([Operand, Operand]),
      })
      .strict(),
    z
      .object({
        fact: z.string().min(1).max(64),
        op: z.enum(['in', 'notIn']),
        value: z
          .array(z.union([z.string().max(200), z.number().finite(), z.boolean()]))
          .min(1)
          .max(100),
      })
      .strict(),
    z.object({ fact: z.string().min(1).max(64), op: z.enum(['exists', 'missing']) }).strict(),
    z
      .object({
        changed: z
          .object({
            fact: z.string().min(1).max(64),
            by: z.enum(['ratio', 'amount']),
            direction: z.enum(['down', 'up', 'either']),
            moreThan: Operand,
          })
          .strict(),
      })
      .strict(),
    z
      .object({
        forMonths: z
          .object({
            months: z.number().int().min(1).max(24),
            fact: z.string().min(1).max(64),
            op: ComparisonOp,
            value: Operand,
          })
          .strict(),
      })
      .strict(),
    z
      .object({
        forecastBelowLine: z
          .object({
            withinMonths: z.number().int().min(1).max(3),
            bound: z.enum(['expected', 'lower']).optional(),
            chance: z.number().int().min(1).max(50).optional(),
          })
          .strict()
          .refine((c) => c.chance === undefined || c.bound === undefined, {
            message: 'chance 与 bound 只能选其一 (chance and bound exclude each other)',
            path: ['chance'],
          }),
      })
      .strict(),
    z
      .object({
        countWithin: z
          .object({
            occurrence: z.string().min(1).max(64),
            days: z.number().int().min(1).max(366),
            op: ComparisonOp,
            value: Operand,
          })
          .strict(),
      })
      .strict(),
  ]),
);

/** Which events make the rule evaluate for their subject: the subjects' triggers (../subjects/domain/subject-facts.ts). */
export { Trigger };

export const RuleId = z.string().regex(/^[a-z][a-z0-9-]{2,63}$/, '须为 3–64 位小写字母、数字或短横线');

/** What a rule says: when to evaluate, the condition, and the alert it raises. */
export const RuleBody = z
  .object({
    name: z.string().trim().min(1).max(100).describe('规则名称'),
    description: z.string().max(1000).optional(),
    subjectType: z.enum(['household', 'team-member']),
    on: z.array(Trigger).min(1).describe('events that make the rule evaluate'),
    when: Condition,
    params: z
      .record(z.string(), z.union([z.number().finite(), z.string().max(200), z.boolean()]))
      .default({})
      .describe('named values the condition refers to with {"param": name}'),
    /** One open alert per subject, rule and period: the period of the triggering fact. */
    period: z.enum(['year', 'month', 'day']),
    /** Resolve the open alert of the period by itself when the condition is evaluated false. */
    autoResolve: z.boolean(),
    alert: z
      .object({
        severity: z.enum(['low', 'medium', 'high']),
        title: z.string().trim().min(1).max(100),
        /** Chinese text with {{fact}} / {{param}} placeholders. */
        message: z.string().trim().min(1).max(1000),
        recipientRoles: z.array(z.string().min(1).max(64)).min(1).max(10),
        escalateAfterMinutes: z
          .number()
          .int()
          .positive()
          .max(60 * 24 * 30)
          .optional(),
      })
      .strict(),
  })
  .strict()
  // the rule compiles (rules.controller): every fact it names is one the subject type has
  .meta(
    refusals(
      {
        field: 'when',
        rule: '规则须能编译：事实须为该对象类型已知的，类型相符，参数已定义 (the rule compiles)',
      },
      { field: 'alert', rule: '提醒文字中的 {{占位}} 须为已定义的参数或事实 (placeholders are known)' },
      {
        field: 'on',
        rule: '触发事件须适用于该对象类型：农户无考勤事件，工作队只有考勤与每日 (events this subject type has)',
      },
    ),
  );
export type RuleBody = z.infer<typeof RuleBody>;

/** Where a rule version applies and from when. countyCode '*' is the platform default. */
export const RuleScope = z
  .object({
    countyCode: z.union([z.literal('*'), z.string().regex(/^\d{6}$/, '须为 6 位县代码或 *')]),
    townCode: z
      .string()
      .regex(/^\d{9}$/, '须为 9 位乡镇代码')
      .nullable()
      .default(null),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.townCode && (s.countyCode === '*' || !s.townCode.startsWith(s.countyCode)))
      ctx.addIssue({ code: 'custom', path: ['townCode'], message: '须为该县下属乡镇' });
  })
  .meta(refusals({ field: 'townCode', rule: '须为该县下属乡镇 (a town of the county)' }));
export type RuleScope = z.infer<typeof RuleScope>;

export const RuleVersionInput = z
  .object({
    scope: RuleScope,
    enabled: z.boolean(),
    effectiveFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD')
      .describe('the version applies from this day (Asia/Shanghai)'),
    rule: RuleBody,
  })
  .strict();
export type RuleVersionInput = z.infer<typeof RuleVersionInput>;

/** A stored, immutable version of a rule for one scope. */
export interface RuleVersion extends RuleVersionInput {
  ruleId: string;
  version: number;
  createdBy: string;
  createdAt: Date;
}
