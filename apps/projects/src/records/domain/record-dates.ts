import type { FieldProblem } from '@lib/service-kit';
import type { IsoDate } from '../../calendar';

/** A record's date lies between the project's start and today (pure). */
export function dateProblem(
  field: string,
  day: IsoDate,
  startsOn: IsoDate,
  today: IsoDate,
): FieldProblem | null {
  if (day < startsOn)
    return { field, reason: `不能早于项目开始日期 ${startsOn} (must not be before the project start)` };
  if (day > today) return { field, reason: '不能晚于今天 (must not be in the future)' };
  return null;
}
