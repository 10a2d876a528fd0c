/** 县 > 乡镇 > 村 > 组: levels by code length (统计用区划代码; groups: village code + 2 digits). Pure. */
export type OrgLevel = 'county' | 'town' | 'village' | 'group';
const LEVELS: Record<number, OrgLevel> = { 6: 'county', 9: 'town', 12: 'village', 14: 'group' };
const PARENT_LENGTH: Record<OrgLevel, number | null> = { county: null, town: 6, village: 9, group: 12 };

export function levelOf(code: string): OrgLevel | null {
  return /^\d+$/.test(code) ? (LEVELS[code.length] ?? null) : null;
}

export function parentOf(code: string): string | null {
  const level = levelOf(code);
  const n = level ? PARENT_LENGTH[level] : null;
  return n ? code.slice(0, n) : null;
}

export interface OrgUnitNode {
  code: string;
  level: OrgLevel;
  name: string;
  parentCode: string | null;
  children: OrgUnitNode[];
}

/** The units as a forest, ordered by code; a unit whose parent is not in the list is a root. */
export function buildTree(
  units: Array<{ code: string; level: OrgLevel; name: string; parentCode: string | null }>,
) {
  const nodes = new Map(
    [...units]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((u) => [u.code, { ...u, children: [] as OrgUnitNode[] }]),
  );
  const roots: OrgUnitNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentCode ? nodes.get(n.parentCode) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/** The unit codes a caller holds a role at (none for the whole platform). */
type Held = { all: true } | { all: false; counties: string[]; towns: string[]; villages: string[] };

/**
 * Whether a unit is shown to a caller: inside their scope (`covered`, the caller's check of the unit), or
 * above one of their units (a village official sees the names of their town and county).
 */
export function shownTo(held: Held, code: string, covered: boolean): boolean {
  return (
    covered ||
    (!held.all && [...held.counties, ...held.towns, ...held.villages].some((s) => s.startsWith(code)))
  );
}
