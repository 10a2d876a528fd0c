import { z } from 'zod';
import { ConflictException, Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { notFound, Principal, Scope } from '@lib/auth';
import {
  CloudEvent,
  createEvent,
  HouseholdCategoryChangedV1,
  HouseholdMemberAddedV1,
  HouseholdMemberChangedV1,
  HouseholdMemberRemovedV1,
  HouseholdPairingChangedV1,
  HouseholdUpdatedV1,
} from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { ActiveMembershipsStore } from '../active-memberships.store';
import { idDocumentProblem, IdType } from '@lib/contracts';
import { PiiCipher } from '../domain/pii-cipher';
import { newMemberId, openHealth, sealContactPhone, sealMember } from '../domain/seal';
import { Household, Member } from '../households.schema';
import { ChangeRequest, HouseholdsStore } from '../households.store';
import { memberSummary } from '../domain/new-household';
import { presentHousehold } from '../domain/present-household';
import {
  MemberBody,
  nationalFieldRules,
  PairedCadresBody,
  UpdateHouseholdBody,
  UpdateMemberBody,
} from '../households.dto';

const conflict = (field: string, reason: string) =>
  new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: reason,
    problems: [{ field, reason }],
  });

/** Fields that are personal data: named in events, never carried. */
const PERSONAL = new Set(['contactPhone', 'idNumber', 'phone', 'health', 'disabilityLevel', 'name']);
const MAX_MEMBERS = 30;

export type Decision = Omit<ChangeRequest, 'events' | 'by'> & {
  events: (base: EventBase) => CloudEvent[];
  /** run after the change is stored (e.g. give back an old membership claim) */
  after?: () => Promise<void>;
  /** on a lost race: undo what was done before (e.g. a new membership claim) */
  undo?: () => Promise<void>;
};
export type EventBase = {
  householdId: string;
  townCode: string;
  villageCode: string;
  version: number;
  by: string;
  at: string;
};

/**
 * Changes of a registered household: its fields, members and paired cadres. Each is decided on the
 * current version, written ahead with its events (see HouseholdsStore.change) and announced.
 */
@Injectable()
export class ChangeHousehold {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly memberships: ActiveMembershipsStore,
    private readonly cipher: PiiCipher,
  ) {}

  /**
   * Decides a change on the current version and stores it with its events (retried on a lost race). A closed
   * household (注销) is refused any change (409) but its closure's own (`closure: true`).
   */
  async run(
    caller: Principal | { sub: string },
    scope: Scope,
    id: string,
    decide: (doc: Household) => Promise<Decision | null> | Decision | null,
    { closure = false }: { closure?: boolean } = {},
  ) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc = await this.households.load(scope, id);
      if (!doc) throw notFound(`未找到该户 (no household ${id})`);
      if (doc.status === 'closed' && !closure)
        throw conflict(
          'status',
          `该户已于 ${doc.closure?.on ?? ''} 注销，不能再修改 (the household is closed)`,
        );
      const d = await decide(doc);
      if (!d) return presentHousehold(doc); // nothing changes
      const version = (doc.version ?? 1) + 1;
      const at = new Date();
      const base: EventBase = {
        householdId: id,
        townCode: doc.townCode,
        villageCode: doc.villageCode,
        version,
        by: caller.sub,
        at: at.toISOString(),
      };
      const events = d.events(base).map((e) => ({ ...e, time: base.at }));
      const after = await this.households.change(doc, { ...d, by: caller.sub, events });
      if (after) {
        await d.after?.();
        return presentHousehold(after);
      }
      await d.undo?.();
    }
    throw conflict('version', '该户已被他人同时修改，请刷新后重试 (changed meanwhile, retry)');
  }

  event<T extends CloudEvent>(type: string, base: EventBase, data: Record<string, unknown>): T {
    return createEvent({
      type,
      source: 'households',
      subject: base.householdId,
      townId: base.townCode,
      villageId: base.villageCode,
      time: new Date(base.at),
      data: { ...base, ...data },
    }) as T;
  }

  /** PATCH /households/:id */
  updateFields(caller: Principal, scope: Scope, id: string, body: UpdateHouseholdBody) {
    return this.run(caller, scope, id, (doc) => {
      // the national fields' rules on the household as it will be (e.g. 风险消除时间 only once eliminated)
      const merged = z
        .any()
        .superRefine(nationalFieldRules)
        .safeParse({ ...doc, ...body });
      if (!merged.success) {
        const issue = merged.error.issues[0];
        throw fieldError(String(issue.path[0] ?? 'body'), issue.message);
      }
      const set: Record<string, unknown> = {};
      const changes: Record<string, unknown> = {};
      const changed: string[] = [];
      for (const [field, value] of Object.entries(body)) {
        if (field === 'contactPhone') {
          // the clear phone is not kept: any new value counts as a change
          Object.assign(set, sealContactPhone(this.cipher, value as string));
          changed.push(field);
          continue;
        }
        if (isDeepStrictEqual((doc as unknown as Record<string, unknown>)[field] ?? null, value ?? null))
          continue;
        set[field] = value;
        changed.push(field);
        if (!PERSONAL.has(field)) changes[field] = value;
      }
      if (changed.length === 0) return null;
      const categoryChanged = changed.includes('monitoringCategory');
      const others = changed.filter((f) => f !== 'monitoringCategory');
      delete changes.monitoringCategory;
      return {
        kind: 'fields',
        set,
        events: (base) => [
          ...(others.length
            ? [this.event(HouseholdUpdatedV1.type, base, { changedFields: others, changes })]
            : []),
          ...(categoryChanged
            ? [
                this.event(HouseholdCategoryChangedV1.type, base, {
                  from: doc.monitoringCategory ?? null,
                  to: body.monitoringCategory ?? null,
                }),
              ]
            : []),
        ],
      };
    });
  }

  /** POST /households/:id/members */
  addMember(caller: Principal, scope: Scope, id: string, body: MemberBody) {
    return this.run(caller, scope, id, async (doc) => {
      if (body.relation === 'head' && doc.members.some((m) => m.relation === 'head'))
        throw conflict('relation', '该户已有户主，请先变更原户主关系 (the household already has a head)');
      if (doc.members.length >= MAX_MEMBERS)
        throw conflict('members', `每户成员不超过${MAX_MEMBERS}人 (at most ${MAX_MEMBERS} members)`);
      const member = sealMember(this.cipher, body, newMemberId()) as Member;
      if (member.idNumberHash)
        await this.memberships.claim(id, [
          { idNumberHash: member.idNumberHash, memberId: member.memberId, field: 'idNumber' },
        ]);
      return {
        kind: 'member-added',
        set: { members: [...doc.members, member] },
        events: (base) => [this.event(HouseholdMemberAddedV1.type, base, { member: memberSummary(member) })],
        undo: async () => {
          if (member.idNumberHash) await this.memberships.releaseOne(id, member.idNumberHash);
        },
      };
    });
  }

  /** PATCH /households/:id/members/:memberId */
  changeMember(caller: Principal, scope: Scope, id: string, memberId: string, body: UpdateMemberBody) {
    return this.run(caller, scope, id, async (doc) => {
      const old = doc.members.find((m) => m.memberId === memberId);
      if (!old) throw notFound(`未找到该成员 (no member ${memberId} in household ${id})`);
      const birthDate = body.birthDate ?? old.birthDate;
      const idType = body.idType ?? (old.idType as IdType | undefined) ?? 'resident_id';
      if (
        body.idNumber === undefined &&
        (body.birthDate !== undefined || body.idType !== undefined) &&
        old.idNumberCipher
      ) {
        const problem = idDocumentProblem(idType, this.cipher.decrypt(old.idNumberCipher), birthDate);
        if (problem)
          throw fieldError(
            body.idType !== undefined ? 'idType' : 'birthDate',
            `与证件号码不符 (does not match the ID number): ${problem}`,
          );
      }
      if (body.idNumber !== undefined) {
        const problem = idDocumentProblem(idType, body.idNumber, birthDate);
        if (problem) throw fieldError('idNumber', problem);
      }
      if (body.relation && body.relation !== old.relation) {
        if (old.relation === 'head')
          throw conflict('relation', '户主须先由另一成员接替 (make another member head first)');
        if (body.relation === 'head' && doc.members.some((m) => m.relation === 'head'))
          throw conflict('relation', '该户已有户主 (the household already has a head)');
      }
      let health: Pick<MemberBody, 'health' | 'disabilityLevel'> = {};
      if (body.health !== undefined || body.disabilityLevel !== undefined) {
        const merged = { ...(openHealth(this.cipher, old.healthCipher) ?? {}), ...health };
        if (body.health !== undefined) merged.health = body.health;
        if (body.disabilityLevel !== undefined) merged.disabilityLevel = body.disabilityLevel;
        if (merged.health !== 'disabled') delete merged.disabilityLevel;
        health = merged as typeof health;
      }
      const sealed = sealMember(this.cipher, { ...body, ...health });
      const next: Member = { ...old, ...sealed };
      const changedFields = Object.keys(body);
      const newHash = sealed.idNumberHash !== old.idNumberHash ? sealed.idNumberHash : undefined;
      if (newHash) await this.memberships.claim(id, [{ idNumberHash: newHash, memberId, field: 'idNumber' }]);
      return {
        kind: 'member-changed',
        set: { members: doc.members.map((m) => (m.memberId === memberId ? next : m)) },
        events: (base) => [
          this.event(HouseholdMemberChangedV1.type, base, { changedFields, member: memberSummary(next) }),
        ],
        after: async () => {
          if (newHash && old.idNumberHash) await this.memberships.releaseOne(id, old.idNumberHash);
        },
        undo: async () => {
          if (newHash) await this.memberships.releaseOne(id, newHash);
        },
      };
    });
  }

  /** DELETE /households/:id/members/:memberId */
  removeMember(caller: Principal, scope: Scope, id: string, memberId: string, reason: string) {
    return this.run(caller, scope, id, (doc) => {
      const old = doc.members.find((m) => m.memberId === memberId);
      if (!old) throw notFound(`未找到该成员 (no member ${memberId} in household ${id})`);
      if (old.relation === 'head')
        throw conflict('memberId', '户主不能移除，请先变更户主 (make another member head first)');
      return {
        kind: 'member-removed',
        set: { members: doc.members.filter((m) => m.memberId !== memberId) },
        events: (base) => [
          this.event(HouseholdMemberRemovedV1.type, base, {
            memberId,
            reason,
            ...(old.idNumberHash ? { idNumberHash: old.idNumberHash } : {}),
          }),
        ],
        after: async () => {
          if (old.idNumberHash) await this.memberships.releaseOne(id, old.idNumberHash);
        },
      };
    });
  }

  /** PUT /households/:id/paired-cadres: 帮扶责任人, the whole list. */
  pairCadres(caller: Principal, scope: Scope, id: string, body: PairedCadresBody) {
    return this.run(caller, scope, id, (doc) => {
      const before = doc.pairedCadres ?? [];
      if (isDeepStrictEqual(before, body.cadres)) return null;
      const ids = body.cadres.map((c) => c.userId);
      const oldIds = before.map((c) => c.userId);
      return {
        kind: 'pairing',
        set: { pairedCadres: body.cadres, pairedCadreIds: ids },
        events: (base) => [
          this.event(HouseholdPairingChangedV1.type, base, {
            cadres: body.cadres.map(({ userId, name, orgUnit }) => ({ userId, name, orgUnit })),
            added: ids.filter((x) => !oldIds.includes(x)),
            removed: oldIds.filter((x) => !ids.includes(x)),
          }),
        ],
      };
    });
  }

  /**
   * Keeps the household's copy of its lifecycle state (for the list filter) after a transition, and on
   * 县级审定 its 监测对象类别: the category follows the lifecycle (household.category-changed.v1).
   */
  setLifecycleState(
    by: string,
    scope: Scope,
    id: string,
    state: string | null,
    category?: HouseholdCategoryChangedV1['data']['to'],
  ) {
    return this.run({ sub: by }, scope, id, (doc) => {
      const categoryChanged = category !== undefined && (doc.monitoringCategory ?? null) !== category;
      if ((doc.lifecycleState ?? null) === state && !categoryChanged) return null;
      return {
        kind: 'lifecycle',
        set: { lifecycleState: state, ...(categoryChanged ? { monitoringCategory: category } : {}) },
        events: (base) =>
          categoryChanged
            ? [
                this.event(HouseholdCategoryChangedV1.type, base, {
                  from: doc.monitoringCategory ?? null,
                  to: category,
                }),
              ]
            : [],
      };
    });
  }
}
