import type { AssistanceRecord } from '../assistance.schema';
import { employedLabour, installmentStatus, monthsWorked, outstanding } from './ledgers';

/** A record as callers see it: masked personal data only (the account number is never kept in clear), with its figures. */
export function presentRecord(r: AssistanceRecord, today: string) {
  const { _id, pairedCadreIds: _p, ...rest } = r;
  return {
    id: _id,
    ...rest,
    figures: {
      paid: r.entries.reduce((s, e) => s + Math.round((e.amount ?? 0) * 100), 0) / 100,
      ...(r.ledger === 'public_welfare_job' ? { monthsWorked: monthsWorked(r.entries) } : {}),
      ...(r.ledger === 'relocation' ? { employedLabour: employedLabour(r.entries) } : {}),
      ...(r.schedule ? { outstanding: outstanding(r.schedule) } : {}),
    },
    ...(r.schedule
      ? { schedule: r.schedule.map((i) => ({ ...i, status: installmentStatus(i, today) })) }
      : {}),
  };
}
