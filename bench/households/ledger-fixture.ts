/**
 * A realistic households ledger (.xlsx in the national export's layout) for the import test and bench:
 * by default the seed town's 1,144 households with 3,534 people in its five villages (county 621299,
 * town 621299101, villages 621299101201..205), valid GB 11643 ID numbers, and a few bad rows:
 * a wrong check character, one person in two households, a household row without its village.
 * Deterministic (seeded), so every run sees the same file.
 */
import { checkCharOf } from '../../apps/households/src/households/domain/id-number';
import { HOUSEHOLD_COLUMNS, MEMBER_COLUMNS } from '../../apps/households/src/ledger/domain/ledger-layout';
import { ledgerWorkbook } from '../../apps/households/src/ledger/workbook';

const VILLAGES = ['621299101201', '621299101202', '621299101203', '621299101204', '621299101205'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '马', '何', '罗', '郭', '冯'];
const MALE = ['建国', '志强', '德明', '永福', '国庆', '海军', '春生', '金宝', '明亮', '文华'];
const FEMALE = ['秀英', '桂兰', '玉梅', '春花', '丽娟', '淑珍', '翠萍', '红霞', '小燕', '文静'];
const RISKS = ['因病', '因残', '因学', '缺劳动力', '因务工就业不稳', '因意外事故', '因自然灾害'];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface LedgerFixture {
  file: Buffer;
  households: number;
  members: number;
  /** what a correct import of an empty registry does with it */
  expected: {
    importedHouseholds: number;
    importedMembers: number;
    rejectedHouseholdRows: number[];
    /** member rows reported on their own (their household row has no village) */
    orphanMemberRows: number[];
  };
  householdNumbers: string[];
  /** People in each household (by position, as householdNumbers). */
  householdSizes: number[];
  /** The monitored households' numbers (监测对象). */
  monitoredNumbers: string[];
}

type Row = Record<string, string | number | null>;

export async function generateLedger(
  opts: {
    households?: number;
    members?: number;
    badRows?: boolean;
    seed?: number;
    /** Exactly this many monitored households, spread over the villages (else about 1 in 100). */
    monitored?: number;
  } = {},
): Promise<LedgerFixture> {
  const total = opts.households ?? 1144;
  const people = opts.members ?? 3534;
  const rnd = seeded(opts.seed ?? 2022);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');

  // household sizes around the town's 3.09 people per household, summing to exactly `people`
  const sizes = Array.from({ length: total }, () => [1, 2, 2, 3, 3, 3, 4, 4, 5, 6][Math.floor(rnd() * 10)]);
  let diff = people - sizes.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = Math.floor(rnd() * total);
    if (diff > 0 && sizes[i] < 8) {
      sizes[i]++;
      diff--;
    } else if (diff < 0 && sizes[i] > 1) {
      sizes[i]--;
      diff++;
    }
  }

  const usedIds = new Set<string>();
  let seq = 0;
  const person = (birthYear: number, sex: 'male' | 'female') => {
    const birth = `${birthYear}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    let id: string;
    do {
      const order = (seq++ % 499) * 2 + (sex === 'male' ? 1 : 0); // 顺序码: odd for men, even for women
      const first17 = `621299${birth.replace(/-/g, '')}${pad(order % 1000, 3)}`;
      id = first17 + checkCharOf(first17);
    } while (usedIds.has(id));
    usedIds.add(id);
    return { birth, id };
  };

  const households: Row[] = [];
  const members: Row[][] = [];
  const numbers: string[] = [];
  for (let i = 0; i < total; i++) {
    const village = VILLAGES[i % VILLAGES.length];
    const number = `${village}${pad(Math.floor(i / VILLAGES.length) + 1, 4)}`;
    numbers.push(number);
    const lifted = rnd() < 0.3;
    const monitored = rnd() < 0.01;
    const risks = monitored || rnd() < 0.1 ? [pick(RISKS)] : [];
    if (risks.length && rnd() < 0.4) risks.push(pick(RISKS.filter((r) => r !== risks[0])));
    const surname = pick(SURNAMES);
    const size = sizes[i];
    const headYear = 1950 + Math.floor(rnd() * 40);
    const list: Row[] = [];
    const add = (name: string, relation: string, sex: 'male' | 'female', year: number) => {
      const p = person(year, sex);
      const age = 2026 - year;
      const health = rnd() < 0.08 ? pick(['长期慢性病', '患有大病', '残疾']) : '健康';
      list.push({
        行政村代码: village,
        户编号: number,
        姓名: name,
        证件号码: p.id,
        与户主关系: relation,
        性别: sex === 'male' ? '男' : '女',
        出生日期: p.birth,
        民族: rnd() < 0.85 ? '汉族' : pick(['回族', '藏族', '东乡族']),
        文化程度: age < 6 ? '学龄前儿童' : pick(['小学', '初中', '初中', '高中', '文盲或半文盲']),
        在校生状况: age >= 6 && age <= 15 ? pick(['小学', '七年级至九年级']) : '非在校生',
        健康状况: health,
        残疾等级: health === '残疾' ? 1 + Math.floor(rnd() * 4) : null,
        劳动技能:
          age < 16 || age > 70
            ? '无劳动力'
            : pick(['普通劳动力', '普通劳动力', '技能劳动力', '弱劳动力或半劳动力']),
        是否参加城乡居民基本医疗保险: '是',
        是否参加大病保险: '是',
        是否参加城乡居民基本养老保险: age >= 16 ? '是' : '否',
        是否享受低保: rnd() < 0.05 ? '是' : '否',
        是否特困供养: rnd() < 0.02 ? '是' : '否',
        公益岗位: null,
        联系电话: relation === '户主' ? `13${pad(Math.floor(rnd() * 1e9), 9)}` : null,
        是否务工: age >= 18 && age <= 55 && rnd() < 0.5 ? '是' : '否',
      });
      const last = list[list.length - 1];
      if (last.是否务工 === '是') {
        last.务工地点 = pick(['兰州市', '天津市', '新疆', '本县']);
        last['务工月收入(元)'] = 2500 + Math.floor(rnd() * 30) * 100;
      }
    };
    add(surname + pick(MALE), '户主', 'male', headYear);
    if (size > 1) add(pick(SURNAMES) + pick(FEMALE), '配偶', 'female', headYear + Math.floor(rnd() * 5));
    for (let k = 2; k < size; k++) {
      const child = k < 5;
      const sex = rnd() < 0.5 ? 'male' : 'female';
      add(
        surname + pick(sex === 'male' ? MALE : FEMALE),
        child ? '子女' : k === 5 ? '孙子女' : '父母',
        sex,
        child ? Math.min(2024, headYear + 22 + Math.floor(rnd() * 12)) : k === 5 ? 2016 : headYear - 25,
      );
    }
    const wage = list.reduce((s, m) => s + (Number(m['务工月收入(元)'] ?? 0) * 10 || 0), 0);
    households.push({
      '县(市、区)代码': '621299',
      '乡(镇)代码': '621299101',
      行政村代码: village,
      村民小组: `${1 + Math.floor(rnd() * 6)}组`,
      户编号: number,
      户类型: lifted ? '脱贫户' : '一般农户',
      监测对象类别: monitored ? (lifted ? '脱贫不稳定户' : '边缘易致贫户') : null,
      风险类型1: risks[0] ?? null,
      风险类型2: risks[1] ?? null,
      '人均纯收入(元)': Math.round((wage + 3000 + rnd() * 8000) / size),
      '工资性收入(元)': wage,
      '转移性收入(元)': Math.round(rnd() * 3000),
      '耕地面积(亩)': Math.round(rnd() * 80) / 10,
      '林地面积(亩)': Math.round(rnd() * 50) / 10,
      '住房面积(㎡)': 60 + Math.floor(rnd() * 80),
      是否危房: '否',
      危房等级: rnd() < 0.7 ? 'A' : 'B',
      是否解决安全饮水: '是',
      是否通生活用电: '是',
      是否通硬化路: rnd() < 0.95 ? '是' : '否',
      是否有卫生厕所: rnd() < 0.8 ? '是' : '否',
      联系电话: list[0].联系电话,
      信息采集人: `${pick(SURNAMES)}${pick(MALE)}`,
      是否整户无劳动力: '否',
    });
    members.push(list);
  }

  if (opts.monitored !== undefined) {
    // every (total / monitored)-th household, so the draws above (and so the rest of the file) stay the same
    const every = Math.max(1, Math.floor(total / Math.max(1, opts.monitored)));
    households.forEach((h, i) => {
      const chosen = i % every === 3 && Math.floor(i / every) < opts.monitored!;
      h.监测对象类别 = chosen ? (h.户类型 === '脱贫户' ? '脱贫不稳定户' : '边缘易致贫户') : null;
      if (chosen && !h.风险类型1) h.风险类型1 = RISKS[i % RISKS.length];
    });
  }
  const monitoredNumbers = numbers.filter((_, i) => households[i].监测对象类别);

  const rejected: number[] = [];
  const orphans: number[] = [];
  let lostMembers = 0;
  if (opts.badRows ?? true) {
    // 1. a wrong check character
    const a = 100;
    const id = String(members[a][0].证件号码);
    members[a][0].证件号码 = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    // 2. one person in two households: a household from row 202 on lists household 50's head again
    let b = 200;
    while (members[b].length < 2) b++;
    members[b][members[b].length - 1] = {
      ...members[50][0],
      行政村代码: households[b].行政村代码,
      户编号: numbers[b],
      与户主关系: '其他',
      联系电话: null,
    };
    // 3. a household row without its village (its member rows then belong to no household)
    const c = 300;
    households[c].行政村代码 = null;
    rejected.push(a, b, c);
    lostMembers = members[a].length + members[b].length + members[c].length;
  }

  const sheets = ledgerWorkbook();
  const memberHeaders = MEMBER_COLUMNS.map((c) => c.header);
  for (const h of households) sheets.households.addRow(HOUSEHOLD_COLUMNS.map((c) => h[c.header] ?? null));
  let memberRow = 1;
  const memberRowsOf: number[][] = [];
  let memberTotal = 0;
  members.forEach((list) => {
    memberRowsOf.push([]);
    for (const m of list) {
      memberRow++;
      memberTotal++;
      memberRowsOf[memberRowsOf.length - 1].push(memberRow);
      sheets.members.addRow(
        memberHeaders.map((hd) => (hd === '公益岗位(月)' ? (m.公益岗位 ?? null) : (m[hd] ?? null))),
      );
    }
  });
  if (opts.badRows ?? true) orphans.push(...memberRowsOf[300]);
  const file = Buffer.from(await sheets.wb.xlsx.writeBuffer());
  return {
    file,
    households: total,
    members: memberTotal,
    expected: {
      importedHouseholds: total - rejected.length,
      importedMembers: memberTotal - lostMembers,
      rejectedHouseholdRows: rejected.map((i) => i + 2),
      orphanMemberRows: orphans,
    },
    householdNumbers: numbers,
    householdSizes: members.map((list) => list.length),
    monitoredNumbers,
  };
}
