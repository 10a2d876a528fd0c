import { INCOME_COMPONENTS, ReportedIncome, surveyFigures } from '@lib/contracts';
import type { SurveyContent } from '../survey.schema';

/** What a correction may change (validated by CorrectSurveyBody). */
export interface SurveyChanges {
  visitedAt?: string;
  visitor?: string;
  gps?: SurveyContent['gps'];
  income?: ReportedIncome;
  residentMembers?: number;
  rigidSpending?: SurveyContent['rigidSpending'];
  guarantees?: SurveyContent['guarantees'];
  employmentChanges?: SurveyContent['employmentChanges'];
  riskTypes?: string[];
  notes?: string | null;
  photos?: string[];
}

export interface CorrectionResult {
  next: SurveyContent;
  /** Dotted paths of the entered fields whose value changed (computed figures are not listed). */
  changedFields: string[];
  /** Each changed path's value before the correction (null when it had none). */
  previousValues: Record<string, unknown>;
}

/** Fields listed by their parts (income.wage…) rather than as a whole. */
const BY_PART = new Set(['income', 'gps', 'rigidSpending', 'guarantees']);
/** Figures computed from the entered fields: they follow, they are not "changed" by the user. */
const COMPUTED = new Set([
  'missingIncomeComponents',
  'hasMissingIncomeComponents',
  'netIncome',
  'perCapitaNetIncome',
]);

/** The entered income as the visitor gave it: missing components back to "not given". */
export function reportedIncomeOf(
  c: Pick<SurveyContent, 'income' | 'missingIncomeComponents'>,
): ReportedIncome {
  const missing = new Set(c.missingIncomeComponents ?? []);
  return Object.fromEntries(INCOME_COMPONENTS.map((k) => [k, missing.has(k) ? null : c.income[k]]));
}

function mergeParts<T extends object>(current: T | null | undefined, change: T | null | undefined): T | null {
  if (change === null) return null;
  const merged = { ...(current ?? {}), ...change } as Record<string, unknown>;
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return Object.keys(merged).length ? (merged as T) : null;
}

function flatten(c: SurveyContent): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, raw] of Object.entries(c)) {
    if (COMPUTED.has(k)) continue;
    // a missing component reads as null, so entering it (even as 0) is a change
    const v = k === 'income' ? reportedIncomeOf(c) : raw;
    if (BY_PART.has(k) && v && typeof v === 'object') {
      for (const [part, pv] of Object.entries(v as Record<string, unknown>)) out.set(`${k}.${part}`, pv);
    } else out.set(k, v instanceof Date ? v.toISOString() : v);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** 更正: the survey after the changes, and what changed. Pure; income figures are recomputed. */
export function applyCorrection(current: SurveyContent, changes: SurveyChanges): CorrectionResult {
  const reported = { ...reportedIncomeOf(current), ...(changes.income ?? {}) };
  const figures = surveyFigures(reported, changes.residentMembers ?? current.residentMembers);
  const next: SurveyContent = {
    ...current,
    ...figures,
    visitedAt: changes.visitedAt !== undefined ? new Date(changes.visitedAt) : current.visitedAt,
    visitor: changes.visitor ?? current.visitor,
    gps: changes.gps !== undefined ? changes.gps : current.gps,
    rigidSpending:
      changes.rigidSpending !== undefined
        ? mergeParts(current.rigidSpending, changes.rigidSpending)
        : current.rigidSpending,
    guarantees:
      changes.guarantees !== undefined
        ? mergeParts(current.guarantees, changes.guarantees)
        : current.guarantees,
    employmentChanges: changes.employmentChanges ?? current.employmentChanges,
    riskTypes: changes.riskTypes ?? current.riskTypes,
    notes: changes.notes !== undefined ? changes.notes : current.notes,
    photos: changes.photos ?? current.photos,
  };
  for (const k of Object.keys(next) as Array<keyof SurveyContent>) if (next[k] === undefined) delete next[k];

  const before = flatten(current);
  const after = flatten(next);
  const changedFields: string[] = [];
  const previousValues: Record<string, unknown> = {};
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (same(before.get(path), after.get(path))) continue;
    changedFields.push(path);
    previousValues[path] = before.get(path) ?? null;
  }
  return { next, changedFields, previousValues };
}
