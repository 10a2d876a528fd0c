import { z } from 'zod';
import { CareFrequencies, CareGroup, CountyCode, references, TownCode, VillageCode } from '@lib/contracts';
import { isoDate } from '../households/households.dto';

const person = z
  .object({
    userId: z.string().trim().min(1).max(64).optional().describe('系统用户编号（有账号的干部）'),
    name: z.string().trim().min(1, '必填').max(64),
  })
  .strict();

/** 列入关爱服务名册: a member of a registered household, their group and carer. */
export const AddRosterMemberBody = z
  .object({
    householdId: references(z.string().uuid('须为户编号（UUID）'), 'household'),
    memberId: references(z.string().uuid('须为成员编号（UUID）'), 'household member'),
    group: CareGroup.describe('关爱对象类别'),
    carer: person.describe('结对关爱干部'),
    since: isoDate.describe('列入名册日期'),
  })
  .strict();
export type AddRosterMemberBody = z.infer<typeof AddRosterMemberBody>;

export const ChangeRosterMemberBody = z
  .object({
    group: CareGroup.optional(),
    carer: person.optional(),
    since: isoDate.optional(),
  })
  .strict()
  .refine((b) => b.group !== undefined || b.carer !== undefined || b.since !== undefined, {
    path: ['group'],
    message: '至少修改一项（group、carer 或 since）',
  });
export type ChangeRosterMemberBody = z.infer<typeof ChangeRosterMemberBody>;

export const RemoveRosterMemberBody = z
  .object({ reason: z.string().trim().min(1, '必填').max(200).describe('移出原因') })
  .strict();
export type RemoveRosterMemberBody = z.infer<typeof RemoveRosterMemberBody>;

/** 关爱走访: on the roster, with an optional GPS fix of the visitor's device. */
export const RosterVisitBody = z
  .object({
    visitedOn: isoDate.describe('走访日期'),
    visitor: person.optional().describe('走访人（缺省：当前用户）'),
    note: z.string().trim().max(1000).optional().describe('走访情况'),
    location: z
      .object({
        latitude: z.number().min(-90, '纬度须在 -90 到 90 之间').max(90, '纬度须在 -90 到 90 之间'),
        longitude: z.number().min(-180, '经度须在 -180 到 180 之间').max(180, '经度须在 -180 到 180 之间'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type RosterVisitBody = z.infer<typeof RosterVisitBody>;

const yes = z.enum(['true', 'false']).transform((v) => v === 'true');

export const RosterQuery = z
  .object({
    townCode: TownCode.optional(),
    villageCode: VillageCode.optional(),
    group: CareGroup.optional(),
    overdue: yes.optional(),
    /** The day due dates are judged at (default today, China time). */
    day: isoDate.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type RosterQuery = z.infer<typeof RosterQuery>;

/** A county the caller's scope does not reach answers 404, as one that does not exist. */
const ScopedCounty = references(CountyCode, 'county');

export const FrequenciesQuery = z.object({ countyCode: ScopedCounty.optional() }).strict();

export const SetFrequenciesBody = z
  .object({ countyCode: ScopedCounty, frequencies: CareFrequencies.describe('各类关爱对象走访频次（天）') })
  .strict();
export type SetFrequenciesBody = z.infer<typeof SetFrequenciesBody>;
