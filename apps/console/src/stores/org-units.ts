import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { get } from '@/api/client';

export interface OrgUnitNode {
  code: string;
  level: 'county' | 'town' | 'village' | 'group';
  name: string;
  parentCode: string | null;
  children?: OrgUnitNode[];
}

/** A tree-select option: a unit and the units below it (groups left out: roles and filters stop at villages). */
export interface UnitOption {
  value: string;
  label: string;
  disabled?: boolean;
  children?: UnitOption[];
}
/** `allowed`: only the units it accepts can be chosen (the others are shown, greyed). */
export function unitOptions(nodes: OrgUnitNode[], allowed?: (code: string) => boolean): UnitOption[] {
  return nodes
    .filter((n) => n.level !== 'group')
    .map((n) => ({
      value: n.code,
      label: n.name,
      ...(allowed ? { disabled: !allowed(n.code) } : {}),
      children: n.children ? unitOptions(n.children, allowed) : undefined,
    }));
}

/** The unit a list is narrowed to, as the query parameter the APIs take. */
export function unitQuery(code: string | null | undefined): Record<string, string> {
  if (!code) return {};
  if (code.length === 6) return { countyCode: code };
  if (code.length === 9) return { townCode: code };
  return { villageCode: code.slice(0, 12) };
}

/**
 * 组织机构: the tree of units the user may see (from households' org-unit registry), their names, and
 * the unit selected at the top of the shell, which narrows every page.
 */
export const useOrgUnits = defineStore('orgUnits', () => {
  const tree = ref<OrgUnitNode[]>([]);
  const names = ref(new Map<string, string>());
  const selected = ref<string | null>(null);
  const loaded = ref(false);

  function index(nodes: OrgUnitNode[]) {
    for (const n of nodes) {
      names.value.set(n.code, n.name);
      if (n.children) index(n.children);
    }
  }

  async function load(force = false) {
    if (loaded.value && !force) return;
    const body = await get<{ items: OrgUnitNode[] }>('/api/v1/org-units');
    tree.value = body.items ?? [];
    names.value = new Map();
    index(tree.value);
    loaded.value = true;
  }

  /** A unit's name; a unit the registry does not know is shown as 未登记单位 (its code in a tooltip). */
  function nameOf(code: string | null | undefined): string {
    if (!code) return '—';
    if (code === '*') return '全部';
    return names.value.get(code) ?? '未登记单位';
  }

  /** A unit with the names above it: 银杏村 (青山镇). */
  function pathOf(code: string | null | undefined): string {
    if (!code) return '—';
    const town = code.length > 9 ? names.value.get(code.slice(0, 9)) : undefined;
    return town ? `${nameOf(code)}（${town}）` : nameOf(code);
  }

  /** The villages at or below a unit (for filters and charts). */
  const villages = computed(() => {
    const out: OrgUnitNode[] = [];
    const walk = (nodes: OrgUnitNode[]) =>
      nodes.forEach((n) => {
        if (n.level === 'village') out.push(n);
        if (n.children) walk(n.children);
      });
    walk(tree.value);
    return out;
  });

  function reset() {
    tree.value = [];
    names.value = new Map();
    selected.value = null;
    loaded.value = false;
  }

  return { tree, names, selected, loaded, villages, load, nameOf, pathOf, reset };
});
