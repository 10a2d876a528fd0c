/** When a project may pay a household (pure). */
import type { FieldProblem } from '@lib/service-kit';
import { covers } from '../../calendar';

export interface LinkView {
  _id: string;
  kind: string;
  startsOn: string;
  endsOn: string | null;
}

export type DistributionCheck = { ok: true; link: LinkView } | { ok: false; problem: FieldProblem };

/**
 * A payment goes to a beneficiary of the project, of the kind it benefits by, on a day its benefit
 * period covers, not before the project started nor in the future.
 */
export function checkDistribution(
  project: { startsOn: string },
  links: LinkView[],
  payment: { kind: string; paidOn: string },
  today: string,
): DistributionCheck {
  const fail = (field: string, reason: string): DistributionCheck => ({
    ok: false,
    problem: { field, reason },
  });
  if (payment.paidOn > today) return fail('paidOn', '不能晚于今天 (must not be in the future)');
  if (payment.paidOn < project.startsOn)
    return fail('paidOn', `不能早于项目开始日期 ${project.startsOn} (must not be before the project start)`);
  if (links.length === 0)
    return fail('householdId', '该户不是本项目的受益户 (the household is not a beneficiary of this project)');
  const ofKind = links.filter((l) => l.kind === payment.kind);
  if (ofKind.length === 0)
    return fail(
      'kind',
      `该户在本项目的受益方式为 ${links.map((l) => l.kind).join(', ')} (the household does not benefit by ${payment.kind})`,
    );
  const link = ofKind.find((l) => covers(l.startsOn, l.endsOn, payment.paidOn));
  if (!link) {
    const l = ofKind[0];
    return fail(
      'paidOn',
      `不在受益期 ${l.startsOn}–${l.endsOn ?? '至今'} 内 (outside the household's benefit period)`,
    );
  }
  return { ok: true, link };
}
