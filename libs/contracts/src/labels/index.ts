/**
 * 中文标签: every enum value a person may read, in Simplified Chinese, in one dictionary beside the
 * contracts. The console and the exports both read it, so a value is named the same everywhere.
 * One file per area; each app's own enums are added to its area's file.
 */
import { alertLabels } from './alerts';
import { assistanceLabels } from './assistance';
import { householdLabels } from './households';
import { identityLabels } from './identity';
import { monitoringLabels } from './monitoring';
import { projectLabels } from './projects';
import { requestLabels } from './requests';
import { supervisionLabels } from './supervision';

export const LABELS = {
  ...householdLabels,
  ...monitoringLabels,
  ...projectLabels,
  ...requestLabels,
  ...supervisionLabels,
  ...alertLabels,
  ...identityLabels,
  ...assistanceLabels,
} as const;

export type LabelKind = keyof typeof LABELS;

/** The Chinese label of an enum value; `fallback` for a missing value, `未知` for one the dictionary lacks. */
export function labelOf(kind: LabelKind, value: string | null | undefined, fallback = '—'): string {
  if (value === null || value === undefined || value === '') return fallback;
  const book = LABELS[kind] as Record<string, string>;
  return Object.hasOwn(book, value) ? book[value] : '未知';
}

/** The choices of an enum for a select, in the dictionary's order. */
export function optionsOf(kind: LabelKind): { value: string; label: string }[] {
  return Object.entries(LABELS[kind] as Record<string, string>).map(([value, label]) => ({ value, label }));
}
