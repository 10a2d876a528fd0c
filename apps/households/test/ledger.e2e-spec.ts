import readXlsxFile from 'read-excel-file/node';
import { Topics } from '@lib/contracts';
import { AppProcess, devToken, waitFor } from '@lib/testing';
import { generateLedger, LedgerFixture } from '../../../bench/households/ledger-fixture';
import { HouseholdsHarness } from './harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Report = {
  households: { total: number; imported: number; rejected: number };
  members: { total: number; imported: number; rejected: number };
  rows: Array<{
    sheet: string;
    row: number;
    status: string;
    householdNumber: string;
    householdId?: string;
    problems: Array<{ sheet: string; row: number; column?: string; reason: string }>;
  }>;
  problems?: Array<{ field: string; reason: string }>;
};

describe('households ledger import and export (.xlsx, national export layout)', () => {
  const h = new HouseholdsHarness();
  const { prefix, kafka } = h;
  let app: AppProcess;
  let ledger: LedgerFixture;
  let token: string;

  beforeAll(async () => {
    app = (await h.start()).app;
    ledger = await generateLedger();
    token = await devToken();
  }, 90_000);
  afterAll(async () => {
    await h.stop();
  });

  const upload = async (file: Buffer, t = token, type = XLSX) => {
    const res = await fetch(`${app.url}/api/v1/household-ledger/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t}`, 'content-type': type },
      body: file,
    });
    return { status: res.status, body: (await res.json()) as Report };
  };

  it('imports the town’s 1,144 households / 3,534 members whole, reports each bad row, one event per household, and exports them masked', async () => {
    expect(ledger).toMatchObject({ households: 1144, members: 3534 });
    const started = Date.now();
    const res = await upload(ledger.file);
    const seconds = (Date.now() - started) / 1000;
    expect(res.status).toBe(200);
    expect(res.body.households).toEqual({ total: 1144, imported: 1141, rejected: 3 });
    expect(res.body.members).toMatchObject({ total: 3534, imported: ledger.expected.importedMembers });

    const rejected = res.body.rows.filter((r) => r.status === 'rejected');
    const byRow = (sheet: string, row: number) => rejected.find((r) => r.sheet === sheet && r.row === row);
    const [checksum, duplicate, noVillage] = ledger.expected.rejectedHouseholdRows;
    expect(byRow('户信息', checksum)?.problems).toEqual([
      expect.objectContaining({
        sheet: '家庭成员',
        column: '证件号码',
        reason: expect.stringMatching(/校验位/),
      }),
    ]);
    expect(byRow('户信息', duplicate)?.problems).toEqual([
      expect.objectContaining({
        sheet: '家庭成员',
        column: '证件号码',
        reason: expect.stringMatching(/另一户/),
      }),
    ]);
    expect(byRow('户信息', noVillage)?.problems).toEqual([
      expect.objectContaining({ column: '行政村代码', reason: expect.stringMatching(/缺失/) }),
    ]);
    for (const row of ledger.expected.orphanMemberRows)
      expect(byRow('家庭成员', row)?.problems[0]).toMatchObject({ column: '户编号' });
    expect(rejected).toHaveLength(3 + ledger.expected.orphanMemberRows.length);
    console.log(`imported 1,141 households over HTTP in ${seconds.toFixed(1)} s`);

    // one household.registered.v1 per imported household
    const imported = new Set(res.body.rows.filter((r) => r.status === 'imported').map((r) => r.householdId));
    expect(imported.size).toBe(1141);
    await waitFor(
      '1,141 household.registered.v1 events',
      async () => {
        const subjects = (await kafka.readAll(`${prefix}${Topics.households}`))
          .map((m) => JSON.parse(String(m.value)) as { type: string; subject: string })
          .filter((e) => e.type === 'household.registered.v1')
          .map((e) => e.subject);
        return new Set(subjects).size === 1141 && subjects.every((s) => imported.has(s));
      },
      // the shared outbox relay clears ~40-150 documents/s on a loaded FerretDB: give it minutes
      { timeoutMs: 300_000, intervalMs: 2_000 },
    );

    // the same file again imports nothing twice
    const again = await upload(ledger.file);
    expect(again.body.households).toMatchObject({ imported: 0, rejected: 1144 });
    // each household registered the first time is refused for its number (not for its people, who are its own)
    const refusedFor = (
      again.body as unknown as { rows: Array<{ problems: Array<{ reason: string }> }> }
    ).rows.map((r) => r.problems.map((p) => p.reason).join(' / '));
    expect(refusedFor.filter((r) => r.startsWith('户编号已存在'))).toHaveLength(1141);

    // export, read back with another reader (read-excel-file): every household there, personal data masked
    const exported = await fetch(`${app.url}/api/v1/household-ledger/export?townCode=621299101`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain(XLSX);
    const sheets = await readXlsxFile(Buffer.from(await exported.arrayBuffer()));
    const households = sheets.find((s) => s.sheet === '户信息')!.data;
    const members = sheets.find((s) => s.sheet === '家庭成员')!.data;
    const hHead = households[0] as string[];
    const numbers = households.slice(1).map((r) => String(r[hHead.indexOf('户编号')]));
    const expectedNumbers = ledger.householdNumbers.filter(
      (_, i) => !ledger.expected.rejectedHouseholdRows.includes(i + 2),
    );
    expect(numbers.sort()).toEqual(expectedNumbers.sort());
    expect(members.length - 1).toBe(ledger.expected.importedMembers);
    const mHead = members[0] as string[];
    const ids = members.slice(1).map((r) => String(r[mHead.indexOf('证件号码')]));
    expect(ids.every((id) => /^6212\*{10}[\dX]{4}$/.test(id))).toBe(true);
    const phones = households
      .slice(1)
      .map((r) => r[hHead.indexOf('联系电话')])
      .filter(Boolean);
    expect(phones.length).toBeGreaterThan(1000);
    expect(phones.every((p) => /^13\d\*{4}\d{4}$/.test(String(p)))).toBe(true);
    const health = members.slice(1).map((r) => r[mHead.indexOf('健康状况')]);
    expect(new Set(health)).toEqual(new Set(['***']));
    expect(members[1][mHead.indexOf('与户主关系')]).toBe('户主');

    // a filtered export holds only that village
    const one = await fetch(`${app.url}/api/v1/household-ledger/export?villageCode=621299101202`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const oneSheets = await readXlsxFile(Buffer.from(await one.arrayBuffer()));
    const villages = new Set(
      oneSheets
        .find((s) => s.sheet === '户信息')!
        .data.slice(1)
        .map((r) => r[hHead.indexOf('行政村代码')]),
    );
    expect([...villages]).toEqual(['621299101202']);
  }, 480_000);

  it('refuses files that are not a ledger, naming why, and importing into villages outside the caller’s scope', async () => {
    const notXlsx = await upload(Buffer.from('not a spreadsheet'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.problems?.[0].field).toBe('file');
    const json = await upload(Buffer.from('{}'), token, 'application/json');
    expect(json.status).toBe(400);

    const small = await generateLedger({ households: 4, members: 8, badRows: false, seed: 7 });
    const cadre = await devToken({
      sub: 'user:c',
      kind: 'user',
      name: '村干部',
      grants: [{ role: 'village-cadre', unit: '621299101201' }],
    });
    const res = await upload(small.file, cadre);
    expect(res.status).toBe(200);
    // the households of 201 were already imported above; the other villages are outside the scope
    expect(res.body.rows.map((r) => r.problems[0]?.reason)).toEqual([
      expect.stringMatching(/已是另一户|已存在/),
      expect.stringMatching(/管辖范围/),
      expect.stringMatching(/管辖范围/),
      expect.stringMatching(/管辖范围/),
    ]);
    const inspector = await devToken({
      sub: 'user:i',
      kind: 'user',
      name: '督查',
      grants: [{ role: 'inspector', unit: '621299' }],
    });
    expect((await upload(small.file, inspector)).status).toBe(403);
  });
});
