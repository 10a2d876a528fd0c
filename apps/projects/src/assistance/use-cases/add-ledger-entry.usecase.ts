import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal, Scope } from '@lib/auth';
import { AssistanceLedger, CloudEvent } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { HouseholdDirectory } from '../../household-directory/household-directory';
import { EntryBody } from '../assistance.dto';
import { AssistanceRecord } from '../assistance.schema';
import { AssistanceStore, EntryChanges, EntryGuard } from '../assistance.store';
import {
  componentOf,
  employedLabour,
  LedgerEntry,
  monthsOf,
  nextWatchedDue,
  wageFor,
} from '../domain/ledgers';
import { employmentChanged, incomePaid } from './ledger-events';

/**
 * An entry on a ledger record (POST /api/v1/assistance/:ledger/:id/entries): 公益岗位 wages for months
 * worked (wage income), 小额信贷 repayments, 雨露计划 subsidies (transfer income), 搬迁 employment and
 * visits, 村集体经济 distributions to households (property income). Money to a household goes out as
 * assistance.income-paid.v1 in the same write. Same entryId again: recorded once.
 */
@Injectable()
export class AddLedgerEntry {
  constructor(
    private readonly store: AssistanceStore,
    private readonly directory: HouseholdDirectory,
  ) {}

  async execute(scope: Scope, caller: Principal, ledger: AssistanceLedger, id: string, body: EntryBody) {
    const r = await this.store.get(scope, ledger, id);
    if (!r)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `未找到该台账记录 (no ${ledger} record ${id})`,
      });
    const b = body as Record<string, unknown> & { kind: LedgerEntry['kind'] };
    const entryId = (b.entryId as string | undefined) ?? randomUUID();
    if (r.entries.some((e) => e._id === entryId)) return { replayed: true, record: r };
    const recordedBy = caller.name || caller.sub;
    const { entryId: _e, kind, ...detail } = b;
    const entry: LedgerEntry = {
      _id: entryId,
      kind,
      amount: null,
      paidOn: null,
      householdId: null,
      detail: detail as LedgerEntry['detail'],
      recordedBy,
      recordedAt: new Date(),
    };
    const set: EntryChanges = {};
    const guard: EntryGuard = {};
    const events: CloudEvent[] = [];
    let payTo = r.householdId
      ? { householdId: r.householdId, townCode: r.townCode, villageCode: r.villageCode }
      : null;

    if (ledger === 'public_welfare_job') {
      const w = body as EntryBody<'public_welfare_job'>;
      const startMonth = String(r.details.startedOn).slice(0, 7);
      if (w.fromMonth < startMonth) throw fieldError('fromMonth', `不能早于上岗月份 ${startMonth}`);
      const paid = new Set(
        r.entries.flatMap((e) => monthsOf(String(e.detail.fromMonth), Number(e.detail.months))),
      );
      const clash = monthsOf(w.fromMonth, w.months).find((m) => paid.has(m));
      if (clash) throw fieldError('fromMonth', `${clash} 的工资已发放`);
      entry.amount = wageFor(Number(r.details.monthlyWage), w.months);
      entry.paidOn = w.paidOn;
      detail.wage = entry.amount;
    } else if (ledger === 'microcredit') {
      const p = body as EntryBody<'microcredit'>;
      const i = (r.schedule ?? []).findIndex((s) => s.dueOn === p.dueOn);
      if (i < 0) throw fieldError('dueOn', '还款计划中没有这一期');
      if (r.schedule![i].paidOn) throw fieldError('dueOn', '这一期已还款');
      if (p.paidOn < String(r.details.grantedOn)) throw fieldError('paidOn', '不能早于放款日');
      detail.amount = r.schedule![i].amount;
      const schedule = r.schedule!.map((s, k) => (k === i ? { ...s, paidOn: p.paidOn } : s));
      set.schedule = schedule;
      set.nextWatchedDue = nextWatchedDue(schedule);
      guard.nextWatchedDue = r.nextWatchedDue ?? null;
    } else if (ledger === 'education_subsidy') {
      const s = body as EntryBody<'education_subsidy'>;
      entry.amount = s.amount;
      entry.paidOn = s.paidOn;
    } else if (ledger === 'relocation') {
      if (kind === 'employment') {
        const employed = employedLabour([...r.entries, entry]);
        if (employed > Number(r.details.labourCount))
          throw fieldError('memberName', `就业人数不能超过劳动力人数 ${String(r.details.labourCount)}`);
        events.push(employmentChanged(r, employed, String(detail.since), entryId));
      }
    } else if (ledger === 'collective_economy') {
      const d = body as EntryBody<'collective_economy'>;
      const hh = await this.directory.findById(scope, d.householdId);
      if (!hh || hh.villageCode !== r.villageCode)
        throw fieldError('householdId', '须为本村、在您管辖范围内的农户');
      const given = r.entries.reduce((s, e) => s + Math.round((e.amount ?? 0) * 100), 0);
      if (given + Math.round(d.amount * 100) > Math.round(Number(r.details.amount) * 100))
        throw fieldError('amount', `分配合计不能超过该项集体收入 ${String(r.details.amount)} 元`);
      entry.amount = d.amount;
      entry.paidOn = d.paidOn;
      entry.householdId = d.householdId;
      delete detail.householdId;
      payTo = { householdId: hh._id, townCode: hh.townCode, villageCode: hh.villageCode };
    }

    const component = componentOf(ledger, kind);
    if (component && entry.amount !== null && entry.paidOn && payTo)
      events.push(
        incomePaid({
          paymentId: `${r._id}:${entryId}`,
          ledger,
          component,
          record: r as AssistanceRecord,
          household: payTo,
          amount: entry.amount,
          paidOn: entry.paidOn,
          recordedBy,
        }),
      );
    if (!(await this.store.addEntry(r._id, entry, set, events, guard))) {
      const now = await this.store.get(scope, ledger, id);
      if (now?.entries.some((e) => e._id === entryId)) return { replayed: true, record: now };
      throw fieldError(ledger === 'microcredit' ? 'dueOn' : 'entryId', '记录已被同时修改，请刷新后重试');
    }
    return { replayed: false, record: (await this.store.get(scope, ledger, id))! };
  }
}
