import {
  EliminationFacts,
  Lifecycle,
  transition,
  TransitionRequest,
  wholeHouseholdNoLabour,
} from './lifecycle';

function run(steps: TransitionRequest[], from: Lifecycle | null = null): Lifecycle | null {
  let lc = from;
  for (const s of steps) {
    const d = transition(lc, s, facts());
    if (!d.ok) throw new Error(d.reason);
    lc = d.lifecycle;
  }
  return lc;
}

const facts = (over: Partial<EliminationFacts> = {}): EliminationFacts => ({
  perCapitaIncome: { amount: 9000, month: '2026-06' },
  line: { amount: 7400, year: 2026, source: '县2026年监测范围' },
  wholeHouseholdNoLabour: false,
  ...over,
});

const toAssisted: TransitionRequest[] = [
  { action: 'identify', on: '2026-01-05', channel: 'cadre_screening' },
  { action: 'village_review', on: '2026-01-10' },
  { action: 'start_public_notice', on: '2026-01-11' },
  { action: 'town_review', on: '2026-01-16' },
  { action: 'county_approve', on: '2026-01-20' },
  { action: 'start_assistance', on: '2026-01-25' },
];
const eliminate: TransitionRequest = {
  action: 'eliminate_risk',
  on: '2026-07-10',
  method: 'assisted_elimination',
};

describe('monitoring lifecycle', () => {
  it('walks identification to risk elimination', () => {
    const lc = run([...toAssisted, { ...eliminate, on: '2026-07-05' }]);
    expect(lc).toMatchObject({
      state: 'risk_eliminated',
      channel: 'cadre_screening',
      identifiedOn: '2026-01-05',
      eliminatedOn: '2026-07-05',
      cycle: 1,
    });
  });

  it('refuses steps out of order, with the reason', () => {
    expect(transition(null, { action: 'county_approve', on: '2026-01-05' })).toMatchObject({
      ok: false,
      field: 'action',
    });
    expect(transition(null, { action: 'identify', on: '2026-01-05' })).toMatchObject({
      ok: false,
      field: 'channel',
    });
  });

  it('needs five days of public notice', () => {
    const lc = run(toAssisted.slice(0, 3));
    expect(transition(lc, { action: 'town_review', on: '2026-01-15' })).toMatchObject({
      ok: false,
      field: 'on',
      reason: expect.stringMatching(/公示不少于5天/),
    });
  });

  it('refuses elimination before six months, below the recorded line, without a recorded income, or for no-labour households', () => {
    const lc = run(toAssisted);
    expect(transition(lc, { ...eliminate, on: '2026-02-10' }, facts())).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/不满6个月/),
    });
    expect(
      transition(lc, eliminate, facts({ perCapitaIncome: { amount: 7000, month: '2026-06' } })),
    ).toMatchObject({ ok: false, field: 'perCapitaIncome', reason: expect.stringMatching(/7000.*7400/) });
    expect(transition(lc, eliminate, facts({ perCapitaIncome: null }))).toMatchObject({
      ok: false,
      field: 'perCapitaIncome',
    });
    expect(transition(lc, eliminate, facts({ line: null }))).toMatchObject({
      ok: false,
      field: 'monitoringLine',
    });
    expect(transition(lc, eliminate, facts({ wholeHouseholdNoLabour: true }))).toMatchObject({
      ok: false,
      field: 'wholeHouseholdNoLabour',
    });
    expect(transition(lc, { ...eliminate, method: 'natural_elimination' }, facts())).toMatchObject({
      ok: true,
      to: 'risk_eliminated',
    });
  });

  it('turns a decision down with its reason: back to where the household came from', () => {
    const identified = run(toAssisted.slice(0, 1));
    expect(
      transition(identified, { action: 'village_review', decision: 'reject', on: '2026-01-10' }),
    ).toMatchObject({
      ok: false,
      field: 'reason',
    });
    expect(
      transition(identified, {
        action: 'start_public_notice',
        decision: 'reject',
        on: '2026-01-10',
        reason: '不',
      }),
    ).toMatchObject({ ok: false, field: 'decision' });
    const noticed = run(toAssisted.slice(0, 3));
    expect(
      transition(noticed, {
        action: 'town_review',
        decision: 'reject',
        on: '2026-01-16',
        reason: '收入核实有误',
      }),
    ).toMatchObject({ ok: true, decision: 'reject', from: 'public_notice', to: null, lifecycle: null });
    const assisted = run(toAssisted);
    expect(
      transition(assisted, { ...eliminate, decision: 'reject', reason: '收入不稳定' }, undefined),
    ).toMatchObject({ ok: true, from: 'assisted', to: 'assisted' });
  });

  it('identifies a household again after its risk was eliminated (返贫), a rejection returning it to eliminated', () => {
    const eliminated = run([...toAssisted, eliminate]);
    const again = run([{ action: 'identify', on: '2026-09-01', channel: 'department_warning' }], eliminated);
    expect(again).toMatchObject({
      state: 'identified',
      cycle: 2,
      identifiedOn: '2026-09-01',
      previous: { state: 'risk_eliminated', cycle: 1 },
    });
    expect(
      transition(again, {
        action: 'village_review',
        decision: 'reject',
        on: '2026-09-03',
        reason: '评议未通过',
      }),
    ).toMatchObject({ ok: true, to: 'risk_eliminated', lifecycle: { state: 'risk_eliminated', cycle: 1 } });
  });

  it('reads whole-household-no-labour from the recorded members', () => {
    expect(wholeHouseholdNoLabour([{ labourSkill: 'lost' }, { labourSkill: 'none' }])).toBe(true);
    expect(wholeHouseholdNoLabour([{ labourSkill: 'lost' }, { labourSkill: 'weak' }])).toBe(false);
    expect(wholeHouseholdNoLabour([{ labourSkill: 'lost' }, {}])).toBe(false);
  });
});
