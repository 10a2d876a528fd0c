import type { LocationQuery } from 'vue-router';
import type { Query } from '@/api/client';

/** The household list's filters, as the page holds them (and keeps them in the address bar). */
export interface HouseholdFilters {
  q: string;
  /** a village chosen in the filter row; narrower than the unit picked at the top */
  villageCode: string;
  monitoringCategory: string;
  riskType: string;
  lifecycleState: string;
  /** 户状态: '' all, active 在册, closed 已注销 */
  status: string;
  /** a paired cadre's user id (帮扶责任人) */
  pairedCadre: string;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [20, 50, 100];

export function emptyFilters(): HouseholdFilters {
  return {
    q: '',
    villageCode: '',
    monitoringCategory: '',
    riskType: '',
    lifecycleState: '',
    status: '',
    pairedCadre: '',
    page: 1,
    pageSize: 20,
  };
}

const ID_NUMBER = /^\d{17}[\dX]$/;

/** What a search text will be matched as: an ID number (by its keyed hash on the server) or a name / 户编号. */
export function searchKind(q: string): 'idNumber' | 'text' | 'none' {
  const s = q.trim().toUpperCase();
  if (!s) return 'none';
  return ID_NUMBER.test(s) ? 'idNumber' : 'text';
}

/** The search as sent: trimmed, an ID number upper-cased (its X), at most the API's 64 characters. */
export function normalizeSearch(q: string): string {
  const s = q.trim();
  return (searchKind(s) === 'idNumber' ? s.toUpperCase() : s).slice(0, 64);
}

/**
 * The unit a list is narrowed to as the households API takes it: a village or town code. A county is
 * the caller's scope already (the API has no county filter), so it adds nothing.
 */
export function unitFilter(villageCode: string, selected: string | null | undefined): Query {
  const unit = villageCode || selected || '';
  if (unit.length >= 12) return { villageCode: unit.slice(0, 12) };
  if (unit.length === 9) return { townCode: unit };
  return {};
}

/** GET /api/v1/households's query for the filters and the unit picked at the top of the shell. */
export function listQuery(f: HouseholdFilters, selected: string | null | undefined): Query {
  return {
    q: normalizeSearch(f.q) || undefined,
    ...unitFilter(f.villageCode, selected),
    monitoringCategory: f.monitoringCategory || undefined,
    riskType: f.riskType || undefined,
    lifecycleState: f.lifecycleState || undefined,
    status: f.status || undefined,
    pairedCadre: f.pairedCadre || undefined,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** The export's query: the same filters without paging (GET /api/v1/household-ledger/export). */
export function exportQuery(f: HouseholdFilters, selected: string | null | undefined): Query {
  const { page, pageSize, ...rest } = listQuery(f, selected);
  void page;
  void pageSize;
  return rest;
}

const one = (v: LocationQuery[string]) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const int = (v: string, fallback: number, allowed?: number[]) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) return fallback;
  return allowed && !allowed.includes(n) ? fallback : n;
};

/** Filters from the address bar (a shared or reloaded link opens the same list). */
export function filtersFromRoute(q: LocationQuery): HouseholdFilters {
  const d = emptyFilters();
  return {
    q: one(q.q).slice(0, 64),
    villageCode: /^\d{12}$/.test(one(q.village)) ? one(q.village) : '',
    monitoringCategory: one(q.category),
    riskType: one(q.risk),
    lifecycleState: one(q.state),
    status: ['active', 'closed'].includes(one(q.status)) ? one(q.status) : '',
    pairedCadre: one(q.cadre),
    page: int(one(q.page), d.page),
    pageSize: int(one(q.size), d.pageSize, PAGE_SIZES),
  };
}

/** The address bar's query for the filters: only what differs from the defaults. */
export function filtersToRoute(f: HouseholdFilters): Record<string, string> {
  const d = emptyFilters();
  const out: Record<string, string> = {};
  if (f.q.trim()) out.q = f.q.trim();
  if (f.villageCode) out.village = f.villageCode;
  if (f.monitoringCategory) out.category = f.monitoringCategory;
  if (f.riskType) out.risk = f.riskType;
  if (f.lifecycleState) out.state = f.lifecycleState;
  if (f.status) out.status = f.status;
  if (f.pairedCadre) out.cadre = f.pairedCadre;
  if (f.page !== d.page) out.page = String(f.page);
  if (f.pageSize !== d.pageSize) out.size = String(f.pageSize);
  return out;
}
