import { Lifecycle, transition, TransitionRequest } from './lifecycle';

function run(steps: TransitionRequest[]): Lifecycle | null {
  let lc: Lifecycle | null = null;
  for (const s of steps) {
    const d = transition(lc, s);
    if (!d.ok) throw new Error(d.reason);
    lc = d.lifecycle;
  }
  return lc;
}

const toAssisted: TransitionRequest[] = [
  { action: 'identify', on: '2026-01-05', channel: 'cadre_screening' },
  { action: 'village_review', on: '2026-01-10' },
  { action: 'start_public_notice', on: '2026-01-11' },
  { action: 'town_review', on: '2026-01-16' },
  { action: 'county_approve', on: '2026-01-20' },
  { action: 'start_assistance', on: '2026-01-25' },
];

describe('monitoring lifecycle', () => {
  it('walks identification to risk elimination', () => {
    const lc = run([
      ...toAssisted,
      {
        action: 'eliminate_risk',
        on: '2026-07-05',
        method: 'assisted_elimination',
        perCapitaIncome: 9000,
        monitoringLine: 7400,
      },
    ]);
    expect(lc).toMatchObject({
      state: 'risk_eliminated',
      channel: 'cadre_screening',
      identifiedOn: '2026-01-05',
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

  it('refuses elimination before six months, below the line, or for no-labour households', () => {
    const lc = run(toAssisted);
    const base = { action: 'eliminate_risk', method: 'assisted_elimination', monitoringLine: 7400 } as const;
    expect(transition(lc, { ...base, on: '2026-02-10', perCapitaIncome: 9000 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/不满6个月/),
    });
    expect(transition(lc, { ...base, on: '2026-07-10', perCapitaIncome: 7000 })).toMatchObject({
      ok: false,
      field: 'perCapitaIncome',
    });
    expect(
      transition(lc, { ...base, on: '2026-07-10', perCapitaIncome: 9000, wholeHouseholdNoLabour: true }),
    ).toMatchObject({ ok: false, field: 'wholeHouseholdNoLabour' });
    expect(
      transition(lc, { action: 'eliminate_risk', on: '2026-07-10', method: 'natural_elimination' }),
    ).toMatchObject({
      ok: true,
      to: 'risk_eliminated',
    });
  });
});
