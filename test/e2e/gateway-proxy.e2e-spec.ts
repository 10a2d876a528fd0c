import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { MongoClient } from 'mongodb';
import readXlsxFile from 'read-excel-file/node';
import { ALL_APPS, AppName, AppProcess, infra } from '@lib/testing';
import { generateLedger } from '../../bench/households/ledger-fixture';
import { DingTalkCrypto, dingTalkSignature } from '@lib/crypto';
import { GATEWAY_ADMIN, Platform } from './platform';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const APPS: AppName[] = ALL_APPS.filter((a) => a !== 'gateway');
const CALLBACK = '/api/v1/integrations/dingtalk/callback';

interface Description {
  paths: Record<string, Record<string, unknown>>;
}
interface Answer {
  statusCode?: number;
  message?: string | string[];
}

/** The platform with a DingTalk app configured for supervision (as scripts/demo.sh does). */
class PlatformWithDingTalk extends Platform {
  readonly dingtalk = {
    token: `tok${randomBytes(6).toString('hex')}`,
    encodingAesKey: randomBytes(32).toString('base64').slice(0, 43),
    ownerKey: 'dinge2e-app-key',
  };

  /** One app after the other (seven at once can outlast the readiness wait on a busy machine). */
  override async start(names: AppName[]): Promise<this> {
    await this.sink.start();
    // the gateway last: its environment names the other apps' addresses
    for (const name of names) this.apps[name] = await AppProcess.create(name, this.runId, this.envOf(name));
    for (const name of names) await this.apps[name].start();
    return this;
  }

  override envOf(app: AppName): Record<string, string> {
    const env = super.envOf(app);
    if (app !== 'supervision') return env;
    return {
      ...env,
      DINGTALK_TOKEN: this.dingtalk.token,
      DINGTALK_AES_KEY: this.dingtalk.encodingAesKey,
      DINGTALK_OWNER_KEY: this.dingtalk.ownerKey,
    };
  }
}

/** A sample value for a path parameter (enough to reach the app: it may well answer 400 or 404). */
const sample = (name: string) =>
  ({ year: '2026', countyCode: '621299', householdId: 'h-none', userId: 'u-none' })[name] ?? 'x-none';

/**
 * The gateway routes by the apps' own API descriptions: every path of every app answers through
 * it; .xlsx ledgers go up and down through it unchanged; DingTalk's signed, encrypted callback goes
 * through with no bearer token to supervision's own check, rate-limited by source address.
 */
describe('gateway: every app’s API, any body, integrations with their own credentials', () => {
  const platform = new PlatformWithDingTalk();
  let gw: AppProcess;
  let token: string;
  const docs = {} as Record<AppName, Description>;

  beforeAll(async () => {
    await platform.start([...APPS, 'gateway']);
    gw = platform.apps.gateway;
    for (const name of APPS)
      docs[name] = (await platform.apps[name].get<Description>('/api/docs/openapi.json')).body;
    const login = await gw.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    expect(login.status).toBe(200);
    token = login.body.accessToken;
  }, 600_000);
  afterAll(() => platform.stop());

  it('answers every method and path of every app’s API description (not with its own 404 or 405)', async () => {
    const tried: string[] = [];
    const misrouted: string[] = [];
    for (const name of APPS) {
      for (const [template, ops] of Object.entries(docs[name].paths)) {
        if (!template.startsWith('/api/v1/')) continue;
        const path = template.replace(/\{([^}]+)\}/g, (_, p: string) => sample(p));
        for (const method of Object.keys(ops)) {
          const verb = method.toUpperCase();
          const res = await gw.request<Answer>(verb, path, verb === 'GET' ? undefined : {}, { token });
          tried.push(`${verb} ${template}`);
          const message = String(res.body?.message ?? '');
          // the gateway's own 404/405, an app's "Cannot GET" (routed to the wrong app), or no app at all
          if (
            message.includes('没有该接口') ||
            message.startsWith('Cannot ') ||
            (res.status === 405 && message.includes('该接口不支持')) ||
            res.status >= 502
          )
            misrouted.push(`${verb} ${template} → ${res.status} ${message}`);
        }
      }
    }
    expect(misrouted).toEqual([]);
    expect(tried).toEqual(
      expect.arrayContaining([
        'POST /api/v1/household-ledger/imports',
        'GET /api/v1/household-ledger/export',
        'GET /api/v1/department-facts',
        'PUT /api/v1/thresholds',
        'POST /api/v1/integrations/dingtalk/callback',
      ]),
    );
    expect(tried.length).toBeGreaterThan(100);
    // no method and path is declared by two apps (the gateway logs each such conflict)
    expect(fs.readFileSync(gw.logFile, 'utf8')).not.toContain('route declared twice');
    // an unknown path is the gateway's own 404; a known one with another method its 405
    const unknown = await gw.get<Answer>('/api/v1/no-such-thing', { token });
    expect([unknown.status, unknown.body.message]).toEqual([404, expect.stringContaining('没有该接口')]);
    const wrong = await gw.request<Answer>('DELETE', '/api/v1/household-ledger/export', undefined, { token });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  }, 180_000);

  it('routes PUT and GET /api/v1/thresholds to monitoring, the one app that declares the path', async () => {
    const put = await gw.request<{ amount?: number }>(
      'PUT',
      '/api/v1/thresholds',
      {
        scope: 'county',
        code: '621299',
        year: 2026,
        amount: 8123,
        source: '县政府文件',
        reason: '年度调整 (e2e)',
      },
      { token },
    );
    expect(put.status).toBe(200);
    const lines = await gw.get<{ items: Array<{ countyCode?: string; year: number; amount: number }> }>(
      '/api/v1/thresholds?code=621299&year=2026',
      { token },
    );
    expect(lines.status).toBe(200);
    expect(lines.body.items).toEqual([expect.objectContaining({ year: 2026, amount: 8123 })]);
  });

  it('streams a 10 MB .xlsx ledger up to households’ import and the export back down, type and file name kept', async () => {
    const ledger = await generateLedger({ households: 40, members: 120, badRows: false, seed: 15 });
    // the ledger with a 10 MB scanned attachment (an image), as offices send them
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.file as unknown as ArrayBuffer);
    const image = wb.addImage({ buffer: randomBytes(10 * 1024 * 1024) as never, extension: 'png' });
    wb.worksheets[0].addImage(image, 'AA1:AB2');
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(file.length).toBeGreaterThan(10 * 1024 * 1024);

    const started = Date.now();
    const up = await fetch(`${gw.url}/api/v1/household-ledger/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
      body: file,
    });
    const report = (await up.json()) as { households: Record<string, number>; problems?: unknown };
    console.log(
      `uploaded ${(file.length / 1024 / 1024).toFixed(1)} MB through the gateway and imported in ${Date.now() - started} ms`,
    );
    expect(up.status).toBe(200);
    expect(report.households).toEqual({ total: 40, imported: 40, rejected: 0 });

    const down = await fetch(`${gw.url}/api/v1/household-ledger/export?townCode=621299101`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe(XLSX);
    expect(down.headers.get('content-disposition')).toBe('attachment; filename="households-ledger.xlsx"');
    const bytes = Buffer.from(await down.arrayBuffer());
    expect(Number(down.headers.get('content-length'))).toBe(bytes.length);
    const sheets = await readXlsxFile(bytes);
    const households = sheets.find((s) => s.sheet === '户信息')!.data;
    const head = households[0] as string[];
    const numbers = households.slice(1).map((r) => String(r[head.indexOf('户编号')]));
    expect(numbers.sort()).toEqual([...ledger.householdNumbers].sort());

    // an upload that is not a workbook gets households' own 400, naming the file
    const bad = await fetch(`${gw.url}/api/v1/household-ledger/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
      body: Buffer.from('not a spreadsheet'),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: Array<{ field: string }> }).problems[0].field).toBe('file');
  }, 180_000);

  /** What DingTalk posts: signature, timestamp and nonce in the query, {encrypt} as the body; no token. */
  function dingTalkCallback(message: unknown, over: { signature?: string; via?: AppProcess } = {}) {
    const dt = new DingTalkCrypto(platform.dingtalk);
    const timestamp = String(Date.now());
    const nonce = randomBytes(4).toString('hex');
    const encrypt = dt.encrypt(JSON.stringify(message));
    const signature = over.signature ?? dingTalkSignature(platform.dingtalk.token, timestamp, nonce, encrypt);
    return (over.via ?? gw).request<Record<string, string> & Answer>(
      'POST',
      `${CALLBACK}?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
      { encrypt },
      { token: null },
    );
  }

  it('lets DingTalk’s signed, encrypted callback through with no token; a wrong signature gets supervision’s 401', async () => {
    const dt = new DingTalkCrypto(platform.dingtalk);
    const ok = await dingTalkCallback({ EventType: 'check_url' });
    expect(ok.status).toBe(200);
    expect(ok.body.msg_signature).toBe(
      dingTalkSignature(platform.dingtalk.token, ok.body.timeStamp, ok.body.nonce, ok.body.encrypt),
    );
    expect(dt.decrypt(ok.body.encrypt)).toBe('success');

    const forged = await dingTalkCallback({ EventType: 'check_url' }, { signature: 'f'.repeat(40) });
    expect(forged.status).toBe(401);
    expect(forged.body.message).toMatch(/^钉钉回调验证失败/);

    // other endpoints still need a token
    expect((await gw.get('/api/v1/teams', { token: null })).status).toBe(401);

    // audited by source address, named by the integration the app declares
    const mongo = await MongoClient.connect(infra.mongoUrl);
    try {
      const entries = await mongo
        .db(`${platform.runId}_gateway`)
        .collection('audit_log')
        .find({ resource: 'integrations', method: 'POST' })
        .toArray();
      const callbacks = entries.filter((e) => String(e.path).startsWith(`${CALLBACK}?msg_signature=`));
      expect(callbacks.map((e) => [e.status, e.actorId, e.actorName, e.ip]).sort()).toEqual([
        [200, null, expect.stringContaining('钉钉'), '127.0.0.1'],
        [401, null, expect.stringContaining('钉钉'), '127.0.0.1'],
      ]);
    } finally {
      await mongo.close();
    }
  });

  it('rate-limits the public callback by source address, apart from signed-in callers', async () => {
    // a second gateway in front of the same apps, allowing 3 requests a minute per caller
    const strict = await AppProcess.create('gateway', `${platform.runId}b`, {
      ...platform.envOf('gateway'),
      MONGO_DB: `${platform.runId}_gateway_b`,
      GATEWAY_REDIS_PREFIX: `${platform.runId}gwb`,
      GATEWAY_RATE_LIMIT_PER_MINUTE: '3',
    });
    await strict.start();
    try {
      // the minute is counted from the caller's first request (@nestjs/throttler), so a burst is never split
      const answers = [];
      for (let i = 0; i < 4; i++)
        answers.push(await dingTalkCallback({ EventType: 'check_url' }, { via: strict }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      const refused = answers[3];
      expect(refused.body.message).toBe('请求过于频繁 (rate limit exceeded)');
      // told when to come back: within the minute
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // a signed-in caller from the same address has their own allowance
      expect((await strict.get('/api/v1/teams', { token })).status).toBe(200);
    } finally {
      await strict.stop();
    }
  }, 120_000);
});
