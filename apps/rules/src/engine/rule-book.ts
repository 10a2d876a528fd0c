import { CompiledRule, compileRule } from './compiler';
import { RuleVersion } from './rule-language';
import { Trigger } from './rule-language';

export interface LoadedRule {
  ruleId: string;
  version: number;
  scopeKey: string;
  enabled: boolean;
  effectiveFrom: string;
  compiled: CompiledRule;
}

export const scopeKeyOf = (s: { countyCode: string; townCode: string | null }) => s.townCode ?? s.countyCode;

/** Today in China (YYYY-MM-DD): rule versions take effect by the local day. */
export function chinaDay(at = new Date()): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The compiled rules and which version applies where: for a subject in town T of county C, the
 * town's versions override the county's, which override the platform default ('*'); within the
 * winning scope the highest version already in effect applies, and a disabled version switches the
 * rule off there. Pure (no I/O): built from the stored versions.
 */
export class RuleBook {
  private readonly byScope = new Map<string, LoadedRule[]>();
  readonly ruleIds: string[];
  /** Versions that failed to compile (refused at write, so only after a language change). */
  readonly broken: Array<{ ruleId: string; version: number; reason: string }> = [];

  constructor(versions: RuleVersion[]) {
    const ids = new Set<string>();
    for (const v of versions) {
      let compiled: CompiledRule;
      try {
        compiled = compileRule(v.rule);
      } catch (e) {
        this.broken.push({ ruleId: v.ruleId, version: v.version, reason: (e as Error).message });
        continue;
      }
      ids.add(v.ruleId);
      const key = `${v.ruleId}|${scopeKeyOf(v.scope)}`;
      const list = this.byScope.get(key) ?? [];
      list.push({
        ruleId: v.ruleId,
        version: v.version,
        scopeKey: scopeKeyOf(v.scope),
        enabled: v.enabled,
        effectiveFrom: v.effectiveFrom,
        compiled,
      });
      list.sort((a, b) => b.version - a.version);
      this.byScope.set(key, list);
    }
    this.ruleIds = [...ids].sort();
  }

  /** The version of a rule in effect for a place on a day, or null (none, or switched off). */
  resolve(ruleId: string, countyCode: string, townCode: string, day: string): LoadedRule | null {
    for (const scope of [townCode, countyCode, '*']) {
      const list = this.byScope.get(`${ruleId}|${scope}`);
      const current = list?.find((v) => v.effectiveFrom <= day);
      if (current) return current.enabled ? current : null;
    }
    return null;
  }

  /** Every rule in effect for a place that a trigger evaluates. */
  applicable(
    subjectType: 'household' | 'team-member',
    trigger: Trigger,
    countyCode: string,
    townCode: string,
    day: string,
  ): LoadedRule[] {
    const out: LoadedRule[] = [];
    for (const id of this.ruleIds) {
      const r = this.resolve(id, countyCode, townCode, day);
      if (r && r.compiled.body.subjectType === subjectType && r.compiled.body.on.includes(trigger))
        out.push(r);
    }
    return out;
  }
}
