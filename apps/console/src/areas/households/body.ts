import type { Household, Member } from './api';

/**
 * Form values → the households API's bodies. The API's schemas are strict (no unknown fields) and
 * refuse empty strings, so what the user left empty is left out, and a PATCH carries only what changed.
 */
export interface MemberForm {
  name: string;
  relation: string;
  sex: string;
  birthDate: string;
  labourSkill: string;
  /** empty: keep (edit) / none (new) — the clear number is never shown in the form */
  idNumber: string;
  phone: string;
  ethnicity: string;
  education: string;
  schoolStatus: string;
  minimumLivingAllowance: boolean;
  extremeHardshipSupport: boolean;
}

export interface HouseholdForm {
  householdNumber: string;
  villageCode: string;
  householdType: string;
  /** '' = not a monitored household (null in the API) */
  monitoringCategory: string;
  groupName: string;
  riskTypes: string[];
  /** empty: keep (edit) / none (new) */
  contactPhone: string;
  collector: string;
}

export function emptyMember(relation = 'head'): MemberForm {
  return {
    name: '',
    relation,
    sex: '',
    birthDate: '',
    labourSkill: '',
    idNumber: '',
    phone: '',
    ethnicity: '',
    education: '',
    schoolStatus: '',
    minimumLivingAllowance: false,
    extremeHardshipSupport: false,
  };
}

export function memberFormOf(m: Member): MemberForm {
  return {
    ...emptyMember(m.relation),
    name: m.name,
    sex: m.sex,
    birthDate: m.birthDate,
    labourSkill: m.labourSkill ?? '',
    ethnicity: m.ethnicity ?? '',
    education: m.education ?? '',
    schoolStatus: m.schoolStatus ?? '',
    minimumLivingAllowance: m.minimumLivingAllowance ?? false,
    extremeHardshipSupport: m.extremeHardshipSupport ?? false,
  };
}

export function emptyHousehold(villageCode = ''): HouseholdForm {
  return {
    householdNumber: '',
    villageCode,
    householdType: '',
    monitoringCategory: '',
    groupName: '',
    riskTypes: [],
    contactPhone: '',
    collector: '',
  };
}

export function householdFormOf(h: Household): HouseholdForm {
  return {
    householdNumber: h.householdNumber,
    villageCode: h.villageCode,
    householdType: h.householdType,
    monitoringCategory: h.monitoringCategory ?? '',
    groupName: h.groupName ?? '',
    riskTypes: [...(h.riskTypes ?? [])],
    contactPhone: '',
    collector: h.collector ?? '',
  };
}

const trimmed = (o: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(o)
      .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])
      .filter(([, v]) => v !== '' && v !== undefined && v !== false),
  );

/** POST /households/:id/members (and the head of a new household). */
export function memberBody(f: MemberForm): Record<string, unknown> {
  return trimmed({ ...f, idNumber: f.idNumber.trim().toUpperCase() });
}

/** PATCH /households/:id/members/:memberId: only what changed; an empty ID number or phone keeps the stored one. */
export function memberPatch(f: MemberForm, before: MemberForm): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(f) as (keyof MemberForm)[]) {
    const v = typeof f[k] === 'string' ? (f[k] as string).trim() : f[k];
    if (v === before[k]) continue;
    if (v === '') continue; // the API cannot clear a field; an empty one is left as it is
    out[k] = k === 'idNumber' ? (v as string).toUpperCase() : v;
  }
  return out;
}

/** POST /households: the household with its head. */
export function householdBody(f: HouseholdForm, head: MemberForm): Record<string, unknown> {
  return {
    ...trimmed({
      householdNumber: f.householdNumber,
      villageCode: f.villageCode,
      householdType: f.householdType,
      groupName: f.groupName,
      contactPhone: f.contactPhone,
      collector: f.collector,
    }),
    monitoringCategory: f.monitoringCategory || null,
    ...(f.riskTypes.length ? { riskTypes: f.riskTypes } : {}),
    members: [memberBody({ ...head, relation: 'head' })],
  };
}

/** PATCH /households/:id: only what changed (the village and 户编号 stay). */
export function householdPatch(f: HouseholdForm, before: HouseholdForm): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['householdType', 'groupName', 'contactPhone', 'collector'] as const) {
    const v = f[k].trim();
    if (v !== '' && v !== before[k]) out[k] = v;
  }
  if (f.monitoringCategory !== before.monitoringCategory)
    out.monitoringCategory = f.monitoringCategory || null;
  if (f.riskTypes.join() !== before.riskTypes.join()) out.riskTypes = f.riskTypes;
  return out;
}
