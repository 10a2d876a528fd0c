import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { covers, Principal, Scope } from '@lib/auth';
import { AssistanceLedger, orgUnitsOfVillage } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { HouseholdDirectory } from '../../household-directory/household-directory';
import { CreateBody } from '../assistance.dto';
import { AssistanceRecord } from '../assistance.schema';
import { AssistanceStore } from '../assistance.store';
import { maskAccount, nextWatchedDue, scheduleOf, scheduleProblem } from '../domain/ledgers';
import { employmentChanged, incomePaid } from './ledger-events';

/** The record's title, year and details (personal data only masked) from the validated body. */
function shape(ledger: AssistanceLedger, b: Record<string, unknown>) {
  const { recordId: _id, householdId: _hh, accountNumber, schedule: _s, ...details } = b;
  if (typeof accountNumber === 'string') details.accountMasked = maskAccount(accountNumber);
  const title = {
    public_welfare_job: b.postName,
    microcredit: b.bank,
    education_subsidy: b.school,
    relocation: b.site,
    consumption: b.buyerUnit,
    collective_economy: b.source,
  }[ledger] as string;
  const day = (b.startedOn ?? b.grantedOn ?? b.relocatedOn ?? b.purchasedOn) as string | undefined;
  const year = Number(b.year ?? b.enrolYear ?? day?.slice(0, 4));
  return { title, year, details };
}

/**
 * Records a ledger's record (POST /api/v1/assistance/:ledger): for a household the caller sees (a
 * village for 村集体经济). A 消费帮扶 purchase is income at once (assistance.income-paid.v1, business);
 * a relocated household announces its employment (relocation.employment-changed.v1). Same recordId again: the first record.
 */
@Injectable()
export class RecordLedgerEntry {
  constructor(
    private readonly store: AssistanceStore,
    private readonly directory: HouseholdDirectory,
  ) {}

  async execute(scope: Scope, caller: Principal, ledger: AssistanceLedger, body: CreateBody) {
    const b = body as Record<string, unknown>;
    const id = (b.recordId as string | undefined) ?? randomUUID();
    const existing = await this.store.byIdUnscoped(id);
    if (existing) return this.replay(existing, ledger, b);

    let place: { countyCode: string; townCode: string; villageCode: string };
    let household: {
      _id: string;
      householdNumber: string;
      pairedCadreIds?: string[];
      pairingVersion?: number;
    } | null = null;
    if (ledger === 'collective_economy') {
      const village = String(b.villageCode);
      if (!covers(scope, village)) throw fieldError('villageCode', '不在您的管辖范围内');
      place = orgUnitsOfVillage(village);
    } else {
      household = await this.directory.findById(scope, String(b.householdId));
      if (!household) throw fieldError('householdId', '未找到该农户（不存在或不在您的管辖范围内）');
      place = household as unknown as typeof place;
    }
    if (ledger === 'microcredit') {
      const m = body as CreateBody<'microcredit'>;
      const problem = scheduleProblem(m.amount, m.grantedOn, m.termMonths, m.schedule ?? []);
      if (problem) throw fieldError(problem.field, problem.reason);
    }

    const { title, year, details } = shape(ledger, b);
    const recordedBy = caller.name || caller.sub;
    const r: AssistanceRecord = {
      _id: id,
      ledger,
      householdId: household?._id ?? null,
      householdNumber: household?.householdNumber ?? null,
      countyCode: place.countyCode,
      townCode: place.townCode,
      villageCode: place.villageCode,
      pairedCadreIds: household?.pairedCadreIds ?? [],
      ...(household?.pairingVersion !== undefined ? { pairingVersion: household.pairingVersion } : {}),
      title,
      details,
      entries: [],
      year,
      recordedBy,
      recordedAt: new Date(),
    };
    if (ledger === 'microcredit') {
      const m = body as CreateBody<'microcredit'>;
      r.schedule = scheduleOf(m.amount, m.grantedOn, m.termMonths, m.schedule);
      r.nextWatchedDue = nextWatchedDue(r.schedule);
    }
    const events = [];
    if (ledger === 'consumption' && household) {
      const p = body as CreateBody<'consumption'>;
      events.push(
        incomePaid({
          paymentId: id,
          ledger,
          component: 'business',
          record: r,
          household: { householdId: household._id, townCode: r.townCode, villageCode: r.villageCode },
          amount: p.amount,
          paidOn: p.purchasedOn,
          recordedBy,
        }),
      );
    }
    if (ledger === 'relocation') events.push(employmentChanged(r, 0, String(b.relocatedOn), 'recorded'));
    if (!(await this.store.insert(r, events))) {
      const raced = await this.store.byIdUnscoped(id);
      if (raced) return this.replay(raced, ledger, b);
    }
    return { replayed: false, record: r };
  }

  private replay(existing: AssistanceRecord, ledger: string, b: Record<string, unknown>) {
    if (existing.ledger !== ledger || (b.householdId !== undefined && existing.householdId !== b.householdId))
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: '该台账记录编号已用于另一条记录 (this recordId was used for another record)',
        problems: [{ field: 'recordId', reason: '已用于另一条记录' }],
      });
    return { replayed: true, record: existing };
  }
}
