import ExcelJS from 'exceljs';
import readXlsxFile from 'read-excel-file/node';
import { Topics } from '@lib/contracts';
import { AppProcess, devToken, waitFor } from '@lib/testing';
import { checkCharOf } from '../src/households/domain/id-number';
import { HouseholdsHarness } from './harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const VILLAGE = '621299101201';
const id18 = (first17: string) => first17 + checkCharOf(first17);

type Report = {
  households: { total: number; imported: number; rejected: number };
  rows: Array<{ row: number; sheet: string; status: string; householdId?: string; problems: unknown[] }>;
  unknownColumns: Array<{ sheet: string; column: string; header: string }>;
};

/**
 * A ledger written the way the national system (全国防返贫监测信息系统) lays out its export of 监测对象,
 * not from the app's own column list: a title row above the header, headers with full-width brackets and
 * the required-field star, the national fields (识别时间, 是否风险消除, 风险消除时间, 消除方式, 帮扶措施,
 * the disaster kind of 因自然灾害, 证件类型 other than 居民身份证, 务工意愿, 就业服务需求) and columns
 * the platform does not keep (家庭人口数, 户主姓名, 备注). Fields and values follow the published rules:
 * 风险消除 is marked in the national system after 帮扶消除 or 自然消除 (zongyang.gov.cn), the ID kinds and
 * their number formats (net.jmu.edu.cn 人员身份证件采集规范).
 */
async function nationalLedger() {
  const wb = new ExcelJS.Workbook();
  const hs = wb.addWorksheet('户信息');
  hs.addRow(['临洮县防止返贫监测对象信息表（户）']);
  const hHead = [
    '县（市、区）代码',
    '乡（镇）代码',
    '行政村代码*',
    '户编号*',
    '户主姓名',
    '家庭人口数',
    '户类型*',
    '监测对象类别',
    '风险类型1',
    '风险类型2',
    '自然灾害类型',
    '识别时间',
    '是否风险消除',
    '风险消除时间',
    '消除方式',
    '帮扶措施',
    '人均纯收入（元）',
    '备注',
  ];
  hs.addRow(hHead);
  hs.addRow([
    '621299',
    '621299101',
    VILLAGE,
    'NL-001',
    '马国强',
    3,
    '脱贫户',
    '脱贫不稳定户',
    '因自然灾害',
    '因病',
    '洪涝',
    '2024-03-15',
    '是',
    '2025-06-30',
    '帮扶消除',
    '产业帮扶、就业帮扶、健康帮扶',
    9800,
    '无',
  ]);
  hs.addRow([
    '621299',
    '621299101',
    VILLAGE,
    'NL-002',
    '马小芳',
    1,
    '一般农户',
    '边缘易致贫户',
    '因病',
    '',
    '',
    '2025-01-10',
    '否',
    '',
    '',
    '综合保障（低保/特困）',
    5200,
    '',
  ]);
  // 风险消除时间 without 风险消除: refused, naming the column
  hs.addRow([
    '621299',
    '621299101',
    VILLAGE,
    'NL-003',
    '马三',
    1,
    '一般农户',
    '',
    '',
    '',
    '',
    '',
    '否',
    '2025-02-02',
    '',
    '',
    '',
    '',
  ]);
  const ms = wb.addWorksheet('家庭成员');
  ms.addRow(['临洮县防止返贫监测对象信息表（人）']);
  ms.addRow([
    '行政村代码*',
    '户编号*',
    '姓名*',
    '证件类型',
    '证件号码',
    '与户主关系*',
    '性别*',
    '出生日期*',
    '务工意愿',
    '就业服务需求',
    '是否在外务工人员',
  ]);
  ms.addRow([
    VILLAGE,
    'NL-001',
    '马国强',
    '居民身份证',
    id18('62129919700101001'),
    '户主',
    '男',
    '1970-01-01',
    '外出务工',
    '技能培训、职业介绍',
    '是',
  ]);
  ms.addRow([
    VILLAGE,
    'NL-001',
    '马文',
    '残疾人证',
    `${id18('62129919950505002')}24`,
    '子女',
    '男',
    '1995-05-05',
    '就地就近就业',
    '公益性岗位',
    '否',
  ]);
  ms.addRow([
    VILLAGE,
    'NL-001',
    '陈美玲',
    '港澳居民来往内地通行证',
    'H12345678',
    '配偶',
    '女',
    '1972-02-02',
    '无务工意愿',
    '',
    '否',
  ]);
  ms.addRow([
    VILLAGE,
    'NL-002',
    '马小芳',
    '台湾居民来往大陆通行证',
    '1234567',
    '户主',
    '女',
    '1980-08-08',
    '',
    '',
    '',
  ]);
  ms.addRow([VILLAGE, 'NL-003', '马三', '居民身份证', '', '户主', '男', '1960-06-06', '', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a national export’s ledger: header row, national fields, unknown columns, round trip', () => {
  const h = new HouseholdsHarness();
  const { prefix, kafka } = h;
  let app: AppProcess;
  let token: string;
  let report: Report;

  beforeAll(async () => {
    app = (await h.start()).app;
    token = await devToken();
    const res = await fetch(`${app.url}/api/v1/household-ledger/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
      body: new Uint8Array(await nationalLedger()),
    });
    expect(res.status).toBe(200);
    report = (await res.json()) as Report;
  }, 240_000);
  afterAll(async () => {
    await h.stop();
  });

  it('reads the header below the title row and reports every column it does not know', () => {
    expect(report.unknownColumns).toEqual([
      { sheet: '户信息', column: 'E', header: '户主姓名' },
      { sheet: '户信息', column: 'F', header: '家庭人口数' },
      { sheet: '户信息', column: 'R', header: '备注' },
      { sheet: '家庭成员', column: 'K', header: '是否在外务工人员' },
    ]);
  });

  it('checks each kind of ID document and the national fields’ rules, row by row', () => {
    const byNumber = (row: number) => report.rows.find((r) => r.sheet === '户信息' && r.row === row)!;
    expect(byNumber(3).status).toBe('imported');
    // NL-002: a 台湾居民来往大陆通行证 number has 8 digits
    expect(byNumber(4)).toMatchObject({
      status: 'rejected',
      problems: [expect.objectContaining({ sheet: '家庭成员', row: 6, column: '证件号码' })],
    });
    expect(JSON.stringify(byNumber(4).problems)).toContain('8位数字');
    // NL-003: 风险消除时间 only once the risk is marked eliminated
    expect(byNumber(5)).toMatchObject({
      status: 'rejected',
      problems: [expect.objectContaining({ sheet: '户信息', row: 5, column: '风险消除时间' })],
    });
    expect(report.households).toEqual({ total: 3, imported: 1, rejected: 2 });
  });

  it('keeps the national fields on the record and in household.registered.v1', async () => {
    const id = report.rows.find((r) => r.status === 'imported')!.householdId!;
    const got = await app.get<Record<string, unknown> & { members: Array<Record<string, unknown>> }>(
      `/api/v1/households/${id}`,
    );
    expect(got.body).toMatchObject({
      identifiedAt: '2024-03-15',
      riskEliminated: true,
      riskEliminatedAt: '2025-06-30',
      eliminationMethod: 'assisted_elimination',
      assistanceMeasures: ['industry', 'employment', 'health'],
      riskTypes: ['natural_disaster', 'illness'],
      disasterSubtype: 'flood',
    });
    const byName = (n: string) => got.body.members.find((m) => m.name === n)!;
    expect(byName('马国强')).toMatchObject({
      workPlan: 'migrate_out',
      serviceNeeds: ['skills_training', 'job_referral'],
    });
    expect(byName('马文')).toMatchObject({ idType: 'disability_cert' });
    // a permit number is masked too (not shown whole with four characters at each end)
    expect(byName('陈美玲')).toMatchObject({ idType: 'hk_macao_permit', idNumber: 'H******78' });
    const event = await waitFor(
      'household.registered.v1 with the national fields',
      async () =>
        (await kafka.readAll(`${prefix}${Topics.households}`))
          .map(
            (m) =>
              JSON.parse(String(m.value)) as { type: string; subject: string; data: { national?: unknown } },
          )
          .find((e) => e.type === 'household.registered.v1' && e.subject === id),
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    expect(event.data.national).toEqual({
      identifiedAt: '2024-03-15',
      riskEliminated: true,
      riskEliminatedAt: '2025-06-30',
      eliminationMethod: 'assisted_elimination',
      assistanceMeasures: ['industry', 'employment', 'health'],
      disasterSubtype: 'flood',
      riskTypes: ['natural_disaster', 'illness'],
    });
  });

  it('exports the national fields, read back by another reader (read-excel-file)', async () => {
    const res = await fetch(`${app.url}/api/v1/household-ledger/export`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    const table = (name: string) => {
      const [head, ...rows] = sheets.find((s) => s.sheet === name)!.data as unknown[][];
      return rows.map((r) => Object.fromEntries((head as string[]).map((k, i) => [k, r[i]])));
    };
    expect(table('户信息')).toEqual([
      expect.objectContaining({
        户编号: 'NL-001',
        识别时间: '2024-03-15',
        是否风险消除: '是',
        风险消除时间: '2025-06-30',
        消除方式: '帮扶消除',
        帮扶措施: '产业帮扶、就业帮扶、健康帮扶',
        自然灾害类型: '洪涝',
      }),
    ]);
    const members = table('家庭成员');
    expect(members.map((m) => [m['姓名'], m['证件类型'], m['务工意愿'], m['就业服务需求']])).toEqual([
      ['马国强', '居民身份证', '外出务工', '技能培训、职业介绍'],
      ['马文', '残疾人证', '就地就近就业', '公益性岗位'],
      ['陈美玲', '港澳居民来往内地通行证', '无务工意愿', null],
    ]);
  });

  it('refuses the national fields against their rules through the API, naming the field', async () => {
    const register = (extra: object, member: object = {}) =>
      app.post<{ problems: Array<{ field: string }> }>('/api/v1/households', {
        householdNumber: 'NL-010',
        villageCode: VILLAGE,
        householdType: 'ordinary',
        ...extra,
        members: [{ name: '甲', relation: 'head', sex: 'male', birthDate: '1970-01-01', ...member }],
      });
    const passport = await register({}, { idType: 'passport', idNumber: 'E1' });
    expect(passport.status).toBe(400);
    expect(passport.body.problems.map((p) => p.field)).toEqual(['members.0.idNumber']);
    const subtype = await register({ riskTypes: ['illness'], disasterSubtype: 'flood' });
    expect(subtype.status).toBe(400);
    expect(subtype.body.problems.map((p) => p.field)).toEqual(['disasterSubtype']);
    const method = await register({ riskEliminated: false, eliminationMethod: 'natural_elimination' });
    expect(method.body.problems.map((p) => p.field)).toEqual(['eliminationMethod']);
    // nothing was registered
    expect((await app.get<{ total: number }>('/api/v1/households?q=NL-010')).body.total).toBe(0);
  });
});
