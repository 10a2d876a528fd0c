/**
 * The demo town, after the seed report (../shared/seed/town-2022-assistance-summary.zh.txt):
 * a town of villages such as 三联村 (cold-water fish), 银杏村 (edible fungi) and 大山村 (白芪 herbs),
 * 9 monitored households among ordinary and 脱贫 households, each surveyed monthly.
 * The demo is a small slice of the town's 1,144 households; codes are fictitious (province 62).
 */
export const DEMO_COUNTY = { code: '621299', name: '示范县' };
export const DEMO_TOWN = { code: '621299101', name: 'XX镇' };
export const DEMO_VILLAGES = [
  { code: '621299101201', name: '三联村' },
  { code: '621299101202', name: '银杏村' },
  { code: '621299101203', name: '大山村' },
  { code: '621299101204', name: '青山村' },
  { code: '621299101205', name: '河湾村' },
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '马', '何'];
const MALE = ['建国', '志强', '德明', '永福', '国庆', '海军', '春生', '金宝'];
const FEMALE = ['秀英', '桂兰', '玉梅', '春花', '丽娟', '淑珍', '翠萍', '红霞'];

/** A small deterministic generator, so every demo looks the same. */
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface DemoHousehold {
  body: Record<string, unknown>;
  /** Per-capita income the demo survey will show (some below the 6,000 line). */
  survey: { income: Record<string, number>; residentMembers: number };
}

export function demoHouseholds(perVillage = 12): DemoHousehold[] {
  const rnd = seededRandom(2022);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const out: DemoHousehold[] = [];
  let monitored = 0;
  DEMO_VILLAGES.forEach((v, vi) => {
    for (let i = 1; i <= perVillage; i++) {
      const surname = pick(SURNAMES);
      const size = 1 + Math.floor(rnd() * 5);
      const members = [
        {
          name: surname + pick(MALE),
          relation: 'head',
          sex: 'male',
          birthDate: `19${55 + Math.floor(rnd() * 30)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
          labourSkill: 'ordinary',
        },
      ];
      if (size > 1)
        members.push({
          name: pick(SURNAMES) + pick(FEMALE),
          relation: 'spouse',
          sex: 'female',
          birthDate: `19${58 + Math.floor(rnd() * 30)}-1${Math.floor(rnd() * 3)}-0${1 + Math.floor(rnd() * 9)}`,
          labourSkill: rnd() < 0.3 ? 'weak' : 'ordinary',
        });
      for (let c = 2; c < size; c++) {
        const male = rnd() < 0.5;
        members.push({
          name: surname + pick(male ? MALE : FEMALE),
          relation: 'child',
          sex: male ? 'male' : 'female',
          birthDate: `20${10 + Math.floor(rnd() * 12)}-0${1 + Math.floor(rnd() * 9)}-2${Math.floor(rnd() * 8)}`,
          labourSkill: 'none',
        });
      }
      const isMonitored = monitored < 9 && (i + vi) % 6 === 0;
      if (isMonitored) monitored++;
      const lifted = isMonitored || rnd() < 0.3;
      const perCapita = isMonitored ? 3800 + Math.floor(rnd() * 4000) : 9000 + Math.floor(rnd() * 12000);
      const total = perCapita * size;
      const wage = Math.round(total * 0.6);
      const business = Math.round(total * 0.25);
      const transfer = total - wage - business + 300;
      out.push({
        body: {
          householdNumber: `${String(vi + 1).padStart(2, '0')}${String(i).padStart(3, '0')}`,
          villageCode: v.code,
          householdType: lifted ? 'lifted_out_of_poverty' : 'ordinary',
          monitoringCategory: isMonitored ? (lifted ? 'unstable_lifted' : 'marginal_at_risk') : null,
          members,
        },
        survey: {
          income: { wage, business, property: 0, transfer, businessCosts: 300 },
          residentMembers: size,
        },
      });
    }
  });
  return out;
}
