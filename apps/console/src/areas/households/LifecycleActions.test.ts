import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ElementPlus from 'element-plus';
import type { RoleGrant } from '@lib/auth-roles';
import LifecycleActions from './LifecycleActions.vue';

const VILLAGE = '621299101201';

/** Signs in a user with these grants (the session store reads sessionStorage when created). */
function as(...roles: RoleGrant[]) {
  sessionStorage.setItem(
    'ffp.session',
    JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', username: 'u', roles } }),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

/** The step buttons offered, as their Chinese text. */
function offered(pinia: ReturnType<typeof createPinia>, state: string, villageCode = VILLAGE) {
  const w = mount(LifecycleActions, {
    props: { householdId: 'h-1', villageCode, state },
    global: { plugins: [pinia, ElementPlus] },
  });
  const texts = w.findAll('.lifecycle-actions > .el-button').map((b) => b.text());
  w.unmount();
  return texts;
}

describe('LifecycleActions: exactly the steps the user’s level owns, in the household’s state', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => sessionStorage.clear());

  it('a village cadre identifies, reviews and gives notice, and starts assistance — never the town’s or the county’s decisions', () => {
    const p = as({ role: 'village-cadre', unit: VILLAGE });
    expect(offered(p, '')).toEqual(['识别纳入']);
    expect(offered(p, 'identified')).toEqual(['民主评议通过', '民主评议驳回']);
    expect(offered(p, 'village_reviewed')).toEqual(['村内公示']);
    expect(offered(p, 'public_notice')).toEqual([]);
    expect(offered(p, 'town_reviewed')).toEqual([]);
    expect(offered(p, 'county_approved')).toEqual(['落实帮扶']);
    expect(offered(p, 'assisted')).toEqual([]);
    // 返贫: a household whose risk was eliminated can be identified again
    expect(offered(p, 'risk_eliminated')).toEqual(['识别纳入']);
    // another village's household: nothing
    expect(offered(p, '', '621299101202')).toEqual([]);
  });

  it('a town official reviews (乡镇审核) only; a county administrator approves (县级审定) and confirms 风险消除', () => {
    const town = as({ role: 'town-official', unit: '621299101' });
    expect(offered(town, 'public_notice')).toEqual(['乡镇审核通过', '乡镇审核驳回']);
    for (const s of ['', 'identified', 'village_reviewed', 'town_reviewed', 'county_approved', 'assisted'])
      expect(offered(town, s)).toEqual([]);
    const county = as({ role: 'county-admin', unit: '621299' });
    expect(offered(county, 'town_reviewed')).toEqual(['县级审定通过', '县级审定驳回']);
    expect(offered(county, 'assisted')).toEqual(['风险消除确认通过', '风险消除确认驳回']);
    for (const s of ['', 'identified', 'village_reviewed', 'public_notice', 'county_approved'])
      expect(offered(county, s)).toEqual([]);
  });

  it('a work-team member identifies and starts assistance; paired cadres, inspectors and auditors get no step', () => {
    const team = as({ role: 'work-team-member', unit: VILLAGE });
    expect(offered(team, '')).toEqual(['识别纳入']);
    expect(offered(team, 'identified')).toEqual([]);
    expect(offered(team, 'county_approved')).toEqual(['落实帮扶']);
    for (const role of ['paired-cadre', 'inspector', 'auditor'] as const) {
      const p = as({ role, unit: VILLAGE });
      for (const s of ['', 'identified', 'public_notice', 'town_reviewed', 'assisted']) expect(offered(p, s)).toEqual([]);
    }
  });

  it('asks the reason of a rejection in a dialog (never window.prompt)', async () => {
    const p = as({ role: 'town-official', unit: '621299101' });
    const w = mount(LifecycleActions, {
      props: { householdId: 'h-1', villageCode: VILLAGE, state: 'public_notice' },
      global: { plugins: [p, ElementPlus] },
      attachTo: document.body,
    });
    await w.find('[data-step="town_review:reject"]').trigger('click');
    await flushPromises();
    expect(document.body.textContent).toContain('乡镇审核 · 驳回');
    expect(document.body.textContent).toContain('驳回理由');
    w.unmount();
  }, 30_000);
});
