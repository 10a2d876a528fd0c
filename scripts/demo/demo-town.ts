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

/** Last month in China Standard Time as YYYY-MM (the demo's surveys and check-ins are for it). */
export function demoLastMonth(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

/** A day relative to today as YYYY-MM-DD (the demo's projects are dated from the day it runs). */
export function demoDay(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export interface DemoProject {
  body: Record<string, unknown>;
  /** Which households of the village benefit (by position in the village's list) and how. */
  beneficiaries: Array<{ nth: number; kind: string; sharePercent?: number; details: string }>;
  outputs: Array<Record<string, unknown>>;
  sales: Array<Record<string, unknown>>;
  /** Payments: to the nth beneficiary above, amount, days ago. */
  distributions: Array<{ beneficiary: number; amount: number; daysAgo: number; note: string }>;
}

/**
 * The town's industry assistance projects (产业帮扶), after the seed report: 三联村"支部+"冷水鱼
 * (二期), 银杏村食用菌配套设施, 大山村白芪中药材, 95万尾南美白对虾 and 鲈鱼, 10万羽生态放养鸡,
 * 核桃花椒经济林, 中蜂, and the town e-commerce centre's five WeChat sales groups.
 */
export function demoProjects(): DemoProject[] {
  const [sanlian, yinxing, dashan, qingshan, hewan] = DEMO_VILLAGES.map((v) => v.code);
  const project = (over: Record<string, unknown>) => ({
    status: 'active',
    responsiblePeople: [{ name: '驻村第一书记', role: '第一书记' }],
    ...over,
  });
  return [
    {
      body: project({
        name: '三联村"支部+"冷水鱼养殖',
        type: 'aquaculture',
        phase: '冷水鱼二期',
        villageCode: sanlian,
        owner: { kind: 'village_collective', name: '三联村股份经济合作社' },
        startsOn: demoDay(-270),
        fundSources: [
          { source: 'central_linkage_fund', amount: 600000 },
          { source: 'pairing_unit', amount: 200000 },
          { source: 'village_collective', amount: 50000 },
        ],
        milestones: [
          { title: '鱼池及循环水设施建设', dueOn: demoDay(-180), completedOn: demoDay(-185) },
          { title: '投放虹鳟鱼苗', dueOn: demoDay(-120), completedOn: demoDay(-118) },
          { title: '二期成鱼上市', dueOn: demoDay(-20) },
        ],
      }),
      beneficiaries: [
        { nth: 0, kind: 'dividend', sharePercent: 8, details: '资金入股分红' },
        { nth: 1, kind: 'dividend', sharePercent: 8, details: '资金入股分红' },
        { nth: 2, kind: 'dividend', sharePercent: 8, details: '资金入股分红' },
        { nth: 3, kind: 'wage', details: '养殖场务工' },
        { nth: 4, kind: 'land_lease', details: '流转土地2亩建鱼池' },
      ],
      outputs: [
        { kind: 'stocking', item: '虹鳟鱼苗', quantity: 60000, unit: '尾', recordedOn: demoDay(-118) },
      ],
      sales: [
        {
          channel: 'ecommerce_centre_wechat',
          item: '冷水鱼',
          quantity: 1200,
          unit: '斤',
          amount: 33600,
          soldOn: demoDay(-40),
        },
        {
          channel: 'enterprise',
          item: '冷水鱼',
          quantity: 3000,
          unit: '斤',
          amount: 75000,
          soldOn: demoDay(-25),
        },
      ],
      distributions: [
        { beneficiary: 0, amount: 1600, daysAgo: 15, note: '年中分红' },
        { beneficiary: 1, amount: 1600, daysAgo: 15, note: '年中分红' },
        { beneficiary: 3, amount: 2800, daysAgo: 30, note: '务工工资' },
        { beneficiary: 4, amount: 1200, daysAgo: 60, note: '土地流转租金' },
      ],
    },
    {
      body: project({
        name: '银杏村食用菌产业配套设施',
        type: 'edible_fungi',
        villageCode: yinxing,
        owner: { kind: 'village_collective', name: '银杏村股份经济合作社' },
        startsOn: demoDay(-300),
        fundSources: [{ source: 'central_linkage_fund', amount: 450000 }],
        milestones: [
          { title: '菌棚及冷库建成', dueOn: demoDay(-200), completedOn: demoDay(-210) },
          { title: '羊肚菌、赤松茸首茬采收', dueOn: demoDay(-90), completedOn: demoDay(-95) },
        ],
      }),
      beneficiaries: [
        { nth: 0, kind: 'wage', details: '菌棚务工' },
        { nth: 1, kind: 'wage', details: '菌棚务工' },
        { nth: 2, kind: 'dividend', sharePercent: 10, details: '村集体经济分红' },
        { nth: 3, kind: 'dividend', sharePercent: 10, details: '村集体经济分红' },
      ],
      outputs: [{ kind: 'harvest', item: '羊肚菌', quantity: 1800, unit: '斤', recordedOn: demoDay(-95) }],
      sales: [
        {
          channel: 'ecommerce_centre_wechat',
          item: '羊肚菌',
          quantity: 800,
          unit: '斤',
          amount: 96000,
          soldOn: demoDay(-60),
        },
        {
          channel: 'ecommerce_centre_wechat',
          item: '赤松茸',
          quantity: 1500,
          unit: '斤',
          amount: 18000,
          soldOn: demoDay(-35),
        },
      ],
      distributions: [
        { beneficiary: 0, amount: 3200, daysAgo: 20, note: '务工工资' },
        { beneficiary: 1, amount: 2900, daysAgo: 20, note: '务工工资' },
        { beneficiary: 2, amount: 1500, daysAgo: 10, note: '集体经济分红' },
      ],
    },
    {
      body: project({
        name: '大山村"党建助推白芪中药材产业富民"示范点',
        type: 'herbs',
        villageCode: dashan,
        owner: { kind: 'cooperative', name: '大山村中药材种植专业合作社' },
        startsOn: demoDay(-240),
        fundSources: [
          { source: 'county_fund', amount: 150000 },
          { source: 'self_raised', amount: 30000 },
        ],
        milestones: [
          { title: '白芪种苗移栽', dueOn: demoDay(-200), completedOn: demoDay(-205) },
          { title: '示范点创建验收', dueOn: demoDay(-45) },
        ],
      }),
      beneficiaries: [
        { nth: 0, kind: 'land_lease', details: '流转土地3亩' },
        { nth: 1, kind: 'land_lease', details: '流转土地2.5亩' },
        { nth: 2, kind: 'produce_purchase', details: '保底价收购白芪' },
      ],
      outputs: [{ kind: 'production', item: '白芪', quantity: 12000, unit: '斤', recordedOn: demoDay(-150) }],
      sales: [],
      distributions: [{ beneficiary: 0, amount: 1800, daysAgo: 100, note: '土地流转租金' }],
    },
    {
      body: project({
        name: '南美白对虾及鲈鱼养殖示范点',
        type: 'aquaculture',
        villageCode: qingshan,
        owner: { kind: 'cooperative', name: '青山水产养殖专业合作社' },
        startsOn: demoDay(-210),
        fundSources: [
          { source: 'central_linkage_fund', amount: 380000 },
          { source: 'cooperative', amount: 60000 },
        ],
        milestones: [
          { title: '六个示范点投放南美白对虾苗95万尾', dueOn: demoDay(-170), completedOn: demoDay(-172) },
          { title: '鲈鱼养殖池建成', dueOn: demoDay(-100), completedOn: demoDay(-101) },
          { title: '对虾上市', dueOn: demoDay(30) },
        ],
      }),
      beneficiaries: [
        { nth: 0, kind: 'wage', details: '示范点务工' },
        { nth: 1, kind: 'dividend', sharePercent: 15, details: '资金入股分红' },
        { nth: 2, kind: 'dividend', sharePercent: 15, details: '资金入股分红' },
      ],
      outputs: [
        { kind: 'stocking', item: '南美白对虾苗', quantity: 950000, unit: '尾', recordedOn: demoDay(-172) },
        { kind: 'stocking', item: '鲈鱼苗', quantity: 20000, unit: '尾', recordedOn: demoDay(-95) },
      ],
      sales: [
        {
          channel: 'market',
          item: '南美白对虾',
          quantity: 600,
          unit: '斤',
          amount: 19800,
          soldOn: demoDay(-150),
        },
      ],
      distributions: [{ beneficiary: 0, amount: 2600, daysAgo: 40, note: '务工工资' }],
    },
    {
      body: project({
        name: '10万羽生态放养鸡',
        type: 'poultry',
        villageCode: hewan,
        owner: { kind: 'enterprise', name: '某生态农业有限公司' },
        startsOn: demoDay(-200),
        fundSources: [
          { source: 'enterprise', amount: 500000 },
          { source: 'pairing_unit', amount: 100000 },
        ],
        milestones: [{ title: '10万羽雏鸡入栏', dueOn: demoDay(-160), completedOn: demoDay(-162) }],
      }),
      beneficiaries: [
        { nth: 0, kind: 'wage', details: '养殖场务工' },
        { nth: 1, kind: 'produce_purchase', details: '代养土鸡回收' },
        { nth: 2, kind: 'produce_purchase', details: '代养土鸡回收' },
      ],
      outputs: [
        { kind: 'stocking', item: '生态放养鸡雏', quantity: 100000, unit: '羽', recordedOn: demoDay(-162) },
      ],
      sales: [
        {
          channel: 'ecommerce_centre_wechat',
          item: '土鸡',
          quantity: 2000,
          unit: '只',
          amount: 160000,
          soldOn: demoDay(-30),
        },
        {
          channel: 'enterprise',
          item: '土鸡蛋',
          quantity: 50000,
          unit: '枚',
          amount: 60000,
          soldOn: demoDay(-12),
        },
      ],
      distributions: [
        { beneficiary: 0, amount: 3000, daysAgo: 25, note: '务工工资' },
        { beneficiary: 1, amount: 4200, daysAgo: 28, note: '代养土鸡回收款' },
        { beneficiary: 2, amount: 3900, daysAgo: 28, note: '代养土鸡回收款' },
      ],
    },
    {
      body: project({
        name: '中蜂养殖及核桃花椒经济林管护',
        type: 'bees',
        villageCode: hewan,
        owner: { kind: 'cooperative', name: '河湾村中蜂养殖专业合作社' },
        startsOn: demoDay(-330),
        fundSources: [{ source: 'county_fund', amount: 120000 }],
        milestones: [
          { title: '核桃、花椒冬季综合管护全覆盖', dueOn: demoDay(-250), completedOn: demoDay(-255) },
          { title: '新增中蜂200箱', dueOn: demoDay(-60) },
        ],
      }),
      beneficiaries: [
        { nth: 3, kind: 'produce_purchase', details: '收购土蜂蜜' },
        { nth: 4, kind: 'produce_purchase', details: '收购土蜂蜜' },
      ],
      outputs: [{ kind: 'harvest', item: '土蜂蜜', quantity: 900, unit: '斤', recordedOn: demoDay(-140) }],
      sales: [
        {
          channel: 'ecommerce_centre_wechat',
          item: '土蜂蜜',
          quantity: 300,
          unit: '斤',
          amount: 24000,
          soldOn: demoDay(-130),
        },
      ],
      distributions: [],
    },
  ];
}

/** The demo town's org units (组织机构): the county, the town, its villages and six groups (组) per village. */
export function demoOrgUnits(): Array<{ code: string; name: string }> {
  return [
    DEMO_COUNTY,
    DEMO_TOWN,
    ...DEMO_VILLAGES,
    ...DEMO_VILLAGES.flatMap((v) =>
      [1, 2, 3, 4, 5, 6].map((g) => ({
        code: `${v.code}${String(g).padStart(2, '0')}`,
        name: `${v.name}${g}组`,
      })),
    ),
  ];
}
