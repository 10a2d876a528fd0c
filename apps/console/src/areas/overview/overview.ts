import { ApiError, get, itemsOf } from '@/api/client';

/** 总览 figures: each read from its owning service within the user's scope. */

/** The list filters teams and projects take: a town or a village (a county = the whole scope). */
export function townOrVillage(unit: string | null): Record<string, string> {
  if (!unit || unit.length <= 6) return {};
  return unit.length === 9 ? { townCode: unit } : { villageCode: unit.slice(0, 12) };
}

export interface AlertCount {
  unit: string;
  high: number;
  medium: number;
  low: number;
  total: number;
}

/** Open alerts per town (a county's view) or per village (a town's or a village's view). */
export async function alertCounts(unit: string | null): Promise<{ by: 'town' | 'village'; items: AlertCount[]; totals: Omit<AlertCount, 'unit'> }> {
  const by = unit && unit.length >= 9 ? 'village' : 'town';
  const body = await get<{ items: AlertCount[] }>('/api/v1/alerts/counts', { by });
  const items = body.items.filter((r) => !unit || r.unit.startsWith(unit) || (by === 'town' && unit.startsWith(r.unit)));
  const totals = items.reduce(
    (t, r) => ({ high: t.high + r.high, medium: t.medium + r.medium, low: t.low + r.low, total: t.total + r.total }),
    { high: 0, medium: 0, low: 0, total: 0 },
  );
  return { by, items, totals };
}

export interface TeamPass {
  teamId: string;
  teamName: string;
  villageCode: string;
  members: number;
  passed: number;
}

/** 驻村考勤达标: per team, members whose on-post days met the county's requirement in the month. */
export async function attendancePass(unit: string | null, month: string): Promise<TeamPass[]> {
  const teams = itemsOf<{ id: string; name: string; villageCode: string }>(
    await get('/api/v1/teams', { ...townOrVillage(unit), pageSize: 100 }),
  );
  return Promise.all(
    teams.map(async (t) => {
      const s = await get<{ members: { meetsRequirement: boolean }[] }>('/api/v1/attendance/team-summary', {
        teamId: t.id,
        month,
      });
      return {
        teamId: t.id,
        teamName: t.name,
        villageCode: t.villageCode,
        members: s.members.length,
        passed: s.members.filter((m) => m.meetsRequirement).length,
      };
    }),
  );
}

export interface ProjectOutput {
  id: string;
  name: string;
  villageCode: string;
  sales: number;
  outputs: { item: string; unit: string; quantity: number }[];
}

/** 项目产出: each project's sales to date and its output totals (the first 10 projects of the scope). */
export async function projectOutputs(unit: string | null): Promise<{ items: ProjectOutput[]; total: number }> {
  const body = await get<{ items: { id: string; name: string; villageCode: string }[]; total: number }>(
    '/api/v1/projects',
    { ...townOrVillage(unit), pageSize: 10 },
  );
  const items = await Promise.all(
    body.items.map(async (p) => {
      const [sales, outputs] = await Promise.all([
        get<{ totalAmount: number }>(`/api/v1/projects/${p.id}/sales`, { pageSize: 1 }),
        get<{ totals: { item: string; unit: string; quantity: number }[] }>(`/api/v1/projects/${p.id}/outputs`, { pageSize: 1 }),
      ]);
      return { id: p.id, name: p.name, villageCode: p.villageCode, sales: sales.totalAmount, outputs: outputs.totals };
    }),
  );
  return { items, total: body.total };
}

/** A card the user's roles may not read (403) is left out rather than shown as an error. */
export const refused = (e: unknown) => e instanceof ApiError && e.status === 403;
