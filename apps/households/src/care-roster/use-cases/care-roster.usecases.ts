import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { notFound, Principal, Scope, covers } from '@lib/auth';
import {
  CareFrequenciesSetV1,
  careFrequenciesInForce,
  CareRosterMemberAddedV1,
  CareRosterMemberChangedV1,
  CareRosterMemberRemovedV1,
  careVisitStatus,
  createEvent,
  DEFAULT_CARE_VISIT_FREQUENCY_DAYS,
  HouseholdCareVisitRecordedV1,
} from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { HouseholdsStore } from '../../households/households.store';
import {
  AddRosterMemberBody,
  ChangeRosterMemberBody,
  RemoveRosterMemberBody,
  RosterQuery,
  RosterVisitBody,
  SetFrequenciesBody,
} from '../care-roster.dto';
import { activeKeyOf, CareRosterStore, RosterEntry } from '../care-roster.store';

/** Today in China (UTC+8), YYYY-MM-DD: what "in the future" and due dates are judged against. */
export const chinaToday = (at = new Date()) =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const conflict = (field: string, message: string, reason: string) =>
  new ConflictException({ statusCode: 409, error: 'Conflict', message, problems: [{ field, reason }] });

/** A referenced record that does not exist or lies outside the scope: 404 naming the field. */
const missing = (field: string, message: string) =>
  new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message,
    problems: [{ field, reason: 'not found' }],
  });

/** 关爱服务名册: add, change, remove people, record visits, set a county's frequencies, read with due dates. */
@Injectable()
export class CareRoster {
  constructor(
    private readonly roster: CareRosterStore,
    private readonly households: HouseholdsStore,
  ) {}

  private event(type: string, e: RosterEntry, data: Record<string, unknown>, at: Date) {
    return createEvent({
      type,
      source: 'households',
      subject: e.householdId,
      townId: e.townCode,
      villageId: e.villageCode,
      time: at,
      data,
    });
  }

  private entryData(e: RosterEntry, by: string, at: Date) {
    return {
      rosterId: e._id,
      householdId: e.householdId,
      memberId: e.memberId,
      countyCode: e.countyCode,
      townCode: e.townCode,
      villageCode: e.villageCode,
      group: e.group,
      carer: e.carer,
      since: e.since,
      by,
      at: at.toISOString(),
    };
  }

  async add(caller: Principal, scope: Scope, body: AddRosterMemberBody) {
    const h = await this.households.load(scope, body.householdId);
    if (!h) throw missing('householdId', `未找到该户 (no household ${body.householdId})`);
    if (!h.members.some((m) => m.memberId === body.memberId))
      throw fieldError('memberId', '不是该户成员 (not a member of this household)');
    if (body.since > chinaToday()) throw fieldError('since', '不能是将来的日期 (in the future)');
    const at = new Date();
    const entry: RosterEntry = {
      _id: randomUUID(),
      householdId: h._id,
      memberId: body.memberId,
      countyCode: h.countyCode,
      townCode: h.townCode,
      villageCode: h.villageCode,
      group: body.group,
      carer: body.carer,
      since: body.since,
      pairedCadreIds: body.carer.userId ? [body.carer.userId] : [],
      activeKey: activeKeyOf(body.memberId, body.group),
      lastVisitedOn: null,
      addedAt: at,
      addedBy: caller.sub,
      changedAt: null,
      removedAt: null,
    };
    const ok = await this.roster.add(entry, [
      this.event(CareRosterMemberAddedV1.type, entry, this.entryData(entry, caller.sub, at), at),
    ]);
    if (!ok)
      throw conflict(
        'group',
        '该成员已在名册此类别中 (already on the roster in this group)',
        'already on the roster',
      );
    return this.view(scope, entry);
  }

  private async entry(scope: Scope, id: string) {
    const e = await this.roster.one(scope, id);
    if (!e) throw notFound(`未找到该关爱对象 (no roster entry ${id})`);
    return e;
  }

  async change(caller: Principal, scope: Scope, id: string, body: ChangeRosterMemberBody) {
    const before = await this.entry(scope, id);
    if (body.since && body.since > chinaToday())
      throw fieldError('since', '不能是将来的日期 (in the future)');
    const changed = (['group', 'carer', 'since'] as const).filter(
      (k) => body[k] !== undefined && JSON.stringify(body[k]) !== JSON.stringify(before[k]),
    );
    if (changed.length === 0) return this.view(scope, before);
    const at = new Date();
    const after: RosterEntry = {
      ...before,
      ...(body.group ? { group: body.group, activeKey: activeKeyOf(before.memberId, body.group) } : {}),
      ...(body.carer
        ? { carer: body.carer, pairedCadreIds: body.carer.userId ? [body.carer.userId] : [] }
        : {}),
      ...(body.since ? { since: body.since } : {}),
      changedAt: at,
    };
    const ok = await this.roster.change(
      before,
      {
        group: after.group,
        activeKey: after.activeKey,
        carer: after.carer,
        pairedCadreIds: after.pairedCadreIds,
        since: after.since,
        changedAt: at,
      },
      [
        this.event(
          CareRosterMemberChangedV1.type,
          after,
          { ...this.entryData(after, caller.sub, at), changed },
          at,
        ),
      ],
    );
    if (!ok)
      throw conflict(
        'group',
        '该成员已在名册此类别中，或记录已被他人修改 (already in this group, or changed meanwhile)',
        'conflict',
      );
    return this.view(scope, after);
  }

  async remove(caller: Principal, scope: Scope, id: string, body: RemoveRosterMemberBody) {
    const before = await this.entry(scope, id);
    const at = new Date();
    const ok = await this.roster.change(
      before,
      { removedAt: at, removalReason: body.reason, activeKey: `${before.activeKey}|removed|${before._id}` },
      [
        this.event(
          CareRosterMemberRemovedV1.type,
          before,
          { ...this.entryData(before, caller.sub, at), reason: body.reason },
          at,
        ),
      ],
    );
    if (!ok)
      throw conflict('rosterId', '记录已被他人修改，请刷新后重试 (changed meanwhile)', 'changed meanwhile');
    return { rosterId: id, removed: true, reason: body.reason };
  }

  async visit(caller: Principal, scope: Scope, id: string, body: RosterVisitBody) {
    const e = await this.entry(scope, id);
    if (body.visitedOn > chinaToday()) throw fieldError('visitedOn', '不能是将来的日期 (in the future)');
    if (body.visitedOn < e.since)
      throw fieldError('visitedOn', `不能早于列入名册日期 ${e.since} (before the person joined the roster)`);
    const at = new Date();
    const visitId = randomUUID();
    const visitor = body.visitor ?? { userId: caller.sub, name: caller.name };
    await this.roster.visit(
      {
        _id: visitId,
        rosterId: e._id,
        householdId: e.householdId,
        countyCode: e.countyCode,
        townCode: e.townCode,
        villageCode: e.villageCode,
        visitedOn: body.visitedOn,
        visitor,
        ...(body.note ? { note: body.note } : {}),
        ...(body.location ? { location: body.location } : {}),
        at,
        by: caller.sub,
      },
      [
        this.event(
          HouseholdCareVisitRecordedV1.type,
          e,
          {
            householdId: e.householdId,
            townCode: e.townCode,
            villageCode: e.villageCode,
            pairingId: e._id,
            memberId: e.memberId,
            group: e.group,
            visitId,
            visitedOn: body.visitedOn,
            carer: e.carer,
            by: caller.sub,
            at: at.toISOString(),
            ...(body.location ? { location: body.location } : {}),
          },
          at,
        ),
      ],
    );
    const lastVisitedOn =
      !e.lastVisitedOn || body.visitedOn > e.lastVisitedOn ? body.visitedOn : e.lastVisitedOn;
    return {
      visitId,
      rosterId: id,
      ...body,
      visitor,
      entry: await this.view(scope, { ...e, lastVisitedOn }),
    };
  }

  /** The roster with each person's frequency, last visit, next due day and overdue flag on `day`. */
  async list(scope: Scope, q: RosterQuery) {
    const day = q.day ?? chinaToday();
    const entries = await this.roster.list(scope, {
      townCode: q.townCode,
      villageCode: q.villageCode,
      group: q.group,
    });
    const views = await this.views(entries, day);
    const kept = q.overdue === undefined ? views : views.filter((v) => v.overdue === q.overdue);
    // the most overdue first, then the soonest due
    kept.sort((a, b) => b.daysOverdue - a.daysOverdue || a.dueOn.localeCompare(b.dueOn));
    return {
      day,
      items: kept.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
      total: kept.length,
      overdue: views.filter((v) => v.overdue).length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async one(scope: Scope, id: string) {
    const e = await this.entry(scope, id);
    const [view, visits] = await Promise.all([this.view(scope, e), this.roster.visitsOf(id)]);
    return {
      ...view,
      visits: visits.map((v) => ({
        visitId: v._id,
        visitedOn: v.visitedOn,
        visitor: v.visitor,
        note: v.note ?? null,
        location: v.location ?? null,
        recordedAt: v.at,
      })),
    };
  }

  private async view(scope: Scope, e: RosterEntry) {
    void scope;
    const [v] = await this.views([e], chinaToday());
    return v;
  }

  private async views(entries: RosterEntry[], day: string) {
    const [people, counties] = await Promise.all([
      this.households.people(entries.map((e) => e.householdId)),
      this.roster.frequenciesOf(entries.map((e) => e.countyCode)),
    ]);
    return entries.map((e) => {
      const p = people.get(`${e.householdId}|${e.memberId}`);
      const status = careVisitStatus(e, careFrequenciesInForce(counties.get(e.countyCode)), day);
      return {
        rosterId: e._id,
        householdId: e.householdId,
        householdNumber: p?.householdNumber ?? null,
        memberId: e.memberId,
        name: p?.name ?? null,
        sex: p?.sex ?? null,
        birthDate: p?.birthDate ?? null,
        idNumber: p?.idNumber ?? null,
        countyCode: e.countyCode,
        townCode: e.townCode,
        villageCode: e.villageCode,
        group: e.group,
        carer: e.carer,
        since: e.since,
        lastVisitedOn: e.lastVisitedOn,
        ...status,
      };
    });
  }

  /** The county's frequencies in force; a caller sees those of the counties their units lie in. */
  async frequencies(scope: Scope, countyCode: string | undefined) {
    const county = countyCode ?? this.countyOf(scope);
    if (!county) throw fieldError('countyCode', '必填（无法从当前用户推断县）');
    if (!this.sees(scope, county)) throw notFound(`未找到该县 (no county ${county} in your scope)`);
    const own = (await this.roster.frequenciesOf([county])).get(county) ?? {};
    return {
      countyCode: county,
      frequencies: careFrequenciesInForce(own),
      custom: own,
      defaults: DEFAULT_CARE_VISIT_FREQUENCY_DAYS,
    };
  }

  async setFrequencies(caller: Principal, scope: Scope, body: SetFrequenciesBody) {
    if (!covers(scope, body.countyCode))
      throw missing('countyCode', `未找到该县 (no county ${body.countyCode} in your scope)`);
    const at = new Date();
    await this.roster.setFrequencies(
      { _id: body.countyCode, frequencies: body.frequencies, at, by: caller.sub },
      [
        createEvent({
          type: CareFrequenciesSetV1.type,
          source: 'households',
          subject: body.countyCode,
          time: at,
          data: {
            countyCode: body.countyCode,
            frequencies: body.frequencies,
            by: caller.sub,
            at: at.toISOString(),
          },
        }),
      ],
    );
    return this.frequencies(scope, body.countyCode);
  }

  private countyOf(scope: Scope): string | null {
    if (scope.all) return null;
    const unit = [...scope.counties, ...scope.towns, ...scope.villages][0];
    return unit ? unit.slice(0, 6) : null;
  }

  private sees(scope: Scope, county: string): boolean {
    if (scope.all) return true;
    return [...scope.counties, ...scope.towns, ...scope.villages].some((u) => u.startsWith(county));
  }
}
