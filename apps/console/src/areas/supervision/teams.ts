import { computed, ref } from 'vue';
import { get, itemsOf } from '@/api/client';
import { useOrgUnits } from '@/stores/org-units';

/** 驻村工作队 as the supervision API answers it. */
export interface Team extends Record<string, unknown> {
  id: string;
  name: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  sendingUnit: string;
  geofence: { latitude: number; longitude: number; radiusM: number; polygon?: unknown[] | null };
  requiredDaysPerMonth: number;
  workingHours: { start: string; end: string };
}

/** 队员 (第一书记 or 队员) with the posting period and the DingTalk user id. */
export interface Member extends Record<string, unknown> {
  id: string;
  teamId: string;
  villageCode: string;
  name: string;
  role: 'first_secretary' | 'member';
  sendingUnit: string;
  postedFrom: string;
  postedTo: string | null;
  dingtalkUserId: string | null;
}

/** A list narrowed by town or village only (teams and projects take no county filter: the scope is it). */
export function townOrVillageQuery(unit: string | null | undefined): Record<string, string> {
  if (!unit || unit.length < 9) return {};
  return unit.length === 9 ? { townCode: unit } : { villageCode: unit.slice(0, 12) };
}

// the team chosen on one page stays chosen on the others (report, leave, logs, funds)
const chosen = ref<string | null>(null);

/**
 * The teams of the selected unit, the chosen one, and their members by id (loaded as a team is
 * needed), so that pages show members and teams by name.
 */
export function useTeams() {
  const units = useOrgUnits();
  const teams = ref<Team[]>([]);
  const members = ref(new Map<string, Member>());
  const loadedTeams = new Set<string>();
  const error = ref('');
  const loading = ref(false);
  /** The list has been answered (an empty list means: no team in the unit). */
  const loaded = ref(false);

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      teams.value = itemsOf<Team>(await get('/api/v1/teams', { ...townOrVillageQuery(units.selected), pageSize: 500 }));
      if (!teams.value.some((t) => t.id === chosen.value)) chosen.value = teams.value[0]?.id ?? null;
      loaded.value = true;
    } catch (e) {
      error.value = e instanceof Error ? e.message : '工作队加载失败';
    } finally {
      loading.value = false;
    }
  }

  /** Members of the given teams (each loaded once). */
  async function loadMembers(teamIds: (string | null | undefined)[]) {
    const wanted = [...new Set(teamIds.filter((t): t is string => !!t && !loadedTeams.has(t)))];
    const details = await Promise.all(wanted.map((id) => get<Team & { members: Member[] }>(`/api/v1/teams/${id}`)));
    const next = new Map(members.value);
    details.forEach((d) => {
      loadedTeams.add(d.id);
      d.members.forEach((m) => next.set(m.id, m));
    });
    members.value = next;
  }

  const team = computed(() => teams.value.find((t) => t.id === chosen.value) ?? null);
  const teamName = (id: string | null | undefined) => teams.value.find((t) => t.id === id)?.name ?? '—';
  const memberName = (id: string | null | undefined) => (id ? (members.value.get(id)?.name ?? '—') : '—');
  /** Is the record's team one of the selected unit's (lists without a unit filter are narrowed here)? */
  const ofUnit = (teamId: string) => teams.value.some((t) => t.id === teamId);
  const membersOf = (teamId: string | null | undefined) =>
    [...members.value.values()].filter((m) => m.teamId === teamId);

  return { teams, team, chosen, members, error, loading, loaded, load, loadMembers, teamName, memberName, membersOf, ofUnit };
}
