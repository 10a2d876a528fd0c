import { ref } from 'vue';
import type { ThresholdDefault } from '@lib/contracts/default-thresholds';
import { get, itemsOf, type Query } from '@/api/client';

/** A household as the registry lists it (the parts the survey pages show). */
export interface HouseholdRow {
  id: string;
  householdNumber: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  members: { name: string; relation: string }[];
}

/** 户主 name, or the first member's when no head is recorded. */
export function headOf(h: Pick<HouseholdRow, 'members'> | undefined): string {
  if (!h) return '—';
  return (h.members.find((m) => m.relation === 'head') ?? h.members[0])?.name ?? '—';
}

/** The households of a unit of the caller's scope (up to 500, the API's page limit). */
export async function householdsOf(unit: Query): Promise<HouseholdRow[]> {
  return itemsOf<HouseholdRow>(await get('/api/v1/households', { ...unit, pageSize: 500 }));
}

const lines = ref<ThresholdDefault[] | null>(null);
let loading: Promise<ThresholdDefault[]> | null = null;
/** 监测范围 lines (reference data, read once per session). */
export function monitoringLines(): Promise<ThresholdDefault[]> {
  if (lines.value) return Promise.resolve(lines.value);
  loading ??= get<{ items: ThresholdDefault[] }>('/api/v1/thresholds')
    .then((b) => (lines.value = b.items))
    .finally(() => (loading = null));
  return loading;
}
