/** Who may be linked to a project, and how (pure). */
import type { FieldProblem } from '@lib/service-kit';

const toBasisPoints = (pct: number) => Math.round(pct * 100);

export function checkLink(
  project: { townCode: string; startsOn: string; endsOn: string | null },
  household: { townCode: string },
  link: { kind: string; sharePercent: number | null; startsOn: string; endsOn: string | null },
  existingLinks: Array<{ kind: string; sharePercent: number | null }>,
): FieldProblem | null {
  if (household.townCode !== project.townCode)
    return {
      field: 'householdId',
      reason: `该户不在项目所在乡镇 ${project.townCode} (the household is not in the project's town)`,
    };
  if (link.startsOn < project.startsOn)
    return {
      field: 'startsOn',
      reason: `受益开始日期不能早于项目开始日期 ${project.startsOn} (must not be before the project start)`,
    };
  if (project.endsOn !== null && link.endsOn !== null && link.endsOn > project.endsOn)
    return {
      field: 'endsOn',
      reason: `受益结束日期不能晚于项目结束日期 ${project.endsOn} (must not be after the project end)`,
    };
  if (link.kind === 'dividend' && link.sharePercent !== null) {
    const taken = existingLinks
      .filter((l) => l.kind === 'dividend')
      .reduce((s, l) => s + toBasisPoints(l.sharePercent ?? 0), 0);
    if (taken + toBasisPoints(link.sharePercent) > 10_000)
      return {
        field: 'sharePercent',
        reason: `分红比例合计将超过100% (already ${taken / 100}% allotted)`,
      };
  }
  return null;
}
