/**
 * 请假 / 公出: the kinds of leave a member asks for (each excuses the days it covers once approved)
 * and the days a request covers. Pure functions: no framework, no I/O.
 */
export const LeaveKinds = ['leave', 'official_business'] as const;

/** Why a member was away on a day, excused: an approved leave or official business. */
export type Excuse = (typeof LeaveKinds)[number];

/** Every day from `from` to `to` (YYYY-MM-DD, both inclusive). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
