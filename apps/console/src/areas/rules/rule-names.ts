import { ref } from 'vue';
import { labelOf } from '@lib/contracts/labels';
import { get } from '@/api/client';
import type { RuleVersion } from './rule-model';

/** ruleId → the Chinese name its newest version in the user's view carries (a county's own rules too). */
const names = ref(new Map<string, string>());
let loading: Promise<void> | null = null;

/**
 * Rules by their Chinese names, never their ids: the default catalogue's from the labels, a
 * county's own from the rules API (loaded once per session, on first use).
 */
export function useRuleNames() {
  function load(force = false): Promise<void> {
    if (loading && !force) return loading;
    loading = get<{ items: RuleVersion[] }>('/api/v1/rules')
      .then((b) => {
        const m = new Map<string, string>();
        const newest = new Map<string, RuleVersion>();
        for (const v of b.items) {
          const seen = newest.get(v.ruleId);
          // the platform's name unless a county or town renamed it
          if (!seen || (seen.scope.countyCode === '*' && v.scope.countyCode !== '*')) newest.set(v.ruleId, v);
        }
        for (const [id, v] of newest) m.set(id, v.rule.name);
        names.value = m;
      })
      .catch(() => {
        loading = null; // the labels still name the default catalogue; try again next time
      });
    return loading;
  }
  /** The rule's Chinese name; 未知规则 for one neither the API nor the labels know. */
  function nameOf(ruleId: string | null | undefined): string {
    if (!ruleId) return '—';
    const fromApi = names.value.get(ruleId);
    if (fromApi) return fromApi;
    const label = labelOf('ruleName', ruleId);
    return label === '未知' ? '未知规则' : label;
  }
  /** Choices for a rule filter: every rule known, by name. */
  function options(): { value: string; label: string }[] {
    const ids = new Set([...names.value.keys()]);
    return [...ids].map((value) => ({ value, label: nameOf(value) })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }
  return { names, load, nameOf, options };
}
