import { generateKeyPair, SignJWT } from 'jose';
import { MongoClient } from 'mongodb';
import { JWT_AUDIENCE, JWT_ISSUER, Role, signRequest } from '@lib/auth';
import { Permissions } from '@lib/contracts';
import { AppProcess, devToken, infra, waitFor } from '@lib/testing';
import { aHousehold, aSurvey, GATEWAY_ADMIN, Platform } from './platform';

interface Page<T> {
  items: T[];
  total: number;
}
interface Rec {
  id: string;
  villageCode: string;
}

/** county X = 621299 (towns A, B), county Y = 621300 (town C). */
const V = { A1: '621299101201', B1: '621299102201', C1: '621300101201' };
type Kind = 'household' | 'survey' | 'alert' | 'delivery' | 'team';
const KINDS: Kind[] = ['household', 'survey', 'alert', 'delivery', 'team'];
const PATH: Record<Kind, string> = {
  household: '/api/v1/households',
  survey: '/api/v1/surveys',
  alert: '/api/v1/alerts',
  delivery: '/api/v1/deliveries',
  team: '/api/v1/teams',
};
/** Who may read / write each kind (supervision keeps its own role lists). */
const READ: Record<Kind, readonly Role[]> = {
  household: Permissions.readHouseholds,
  survey: Permissions.readSurveys,
  alert: Permissions.readAlerts,
  delivery: Permissions.readDeliveries,
  team: Permissions.readSupervision,
};
const WRITE: Partial<Record<Kind, readonly Role[]>> = {
  household: Permissions.writeHouseholds,
  survey: Permissions.writeSurveys,
  alert: Permissions.writeAlerts,
  team: Permissions.manageTeams,
};

/** Each role at a unit; `inside`/`outside` name the village of a record it may / may not see. */
const CASTS: Array<{ role: Role; unit: string; inside: string; outside: string }> = [
  { role: 'county-admin', unit: '621299', inside: V.A1, outside: V.C1 },
  { role: 'town-official', unit: '621299101', inside: V.A1, outside: V.B1 },
  { role: 'village-cadre', unit: V.A1, inside: V.A1, outside: V.B1 },
  { role: 'work-team-member', unit: V.A1, inside: V.A1, outside: V.B1 },
  { role: 'first-secretary', unit: V.A1, inside: V.A1, outside: V.B1 },
  { role: 'paired-cadre', unit: V.A1, inside: V.A1, outside: V.B1 },
  { role: 'inspector', unit: '621299101', inside: V.A1, outside: V.B1 },
  { role: 'auditor', unit: '621299', inside: V.A1, outside: V.C1 },
  { role: 'integration-client', unit: V.A1, inside: V.A1, outside: V.B1 },
];

const PROJECT_KINDS = ['project', 'beneficiary', 'distribution', 'benefits'];

const allowed = (roles: readonly Role[] | undefined, role: Role) => !!roles && roles.includes(role);

/** An industry project (产业帮扶项目) in the village. */
const aProject = (villageCode: string) => ({
  name: '"支部+"冷水鱼养殖',
  type: 'aquaculture',
  villageCode,
  owner: { kind: 'village_collective', name: '村股份经济合作社' },
  startsOn: '2026-01-01',
  fundSources: [{ source: 'central_linkage_fund', amount: 500000 }],
});
const PROJECTS = '/api/v1/projects';

/** A work team (驻村工作队) posted to the village. */
const aTeam = (villageCode: string) => ({
  name: '驻村工作队',
  villageCode,
  sendingUnit: '县农业农村局',
  geofence: { latitude: 34.58, longitude: 105.72, radiusM: 800 },
});

interface Records {
  household: string;
  /** 产业帮扶 project in the village, the household linked to it (务工) and paid once */
  project: string;
  beneficiary: string;
  distribution: string;
  survey: string;
  alert: string;
  delivery: string;
  team: string;
  /** a member of the team, whose attendance month is read */
  member: string;
}

/**
 * Identity and tenancy end to end THROUGH THE GATEWAY: every role, every kind of record, inside
 * and outside the caller's scope; bad credentials; smuggled operators; the audit log.
 */
describe('tenancy through the gateway', () => {
  const platform = new Platform();
  let gw: AppProcess;
  let adminToken: string;
  /** records by village, and one household + alert per role in A1 for its writes */
  const byVillage = new Map<string, Records>();
  const own = new Map<Role, Records>();
  const tokens = new Map<Role, string>();
  let integration: { keyId: string; secret: string };
  let householdNo = 100;

  async function seed(village: string): Promise<Records> {
    const { apps } = platform;
    const h = await apps.households.post<Rec>(
      '/api/v1/households',
      aHousehold(String(householdNo++), { villageCode: village }),
    );
    expect(h.status).toBe(201);
    await waitFor(
      'monitoring to know the household',
      async () => (await apps.monitoring.get(`/api/v1/monitored-households/${h.body.id}`)).status === 200,
    );
    const s = await apps.monitoring.post<Rec>('/api/v1/surveys', aSurvey(h.body.id));
    expect(s.status).toBe(201);
    const alert = await waitFor('the alert', async () => {
      const r = await apps.rules.get<Page<Rec>>(`/api/v1/alerts?subjectId=${h.body.id}`);
      return r.body.items[0];
    });
    const delivery = await waitFor('the delivery', async () => {
      const r = await apps.notifier.get<Page<Rec>>(`/api/v1/deliveries?alertId=${alert.id}`);
      return r.body.items[0];
    });
    const team = await apps.supervision.post<Rec>('/api/v1/teams', aTeam(village));
    expect(team.status).toBe(201);
    const member = await apps.supervision.post<Rec>(`/api/v1/teams/${team.body.id}/members`, {
      name: '张明',
      role: 'first_secretary',
      sendingUnit: '县农业农村局',
      postedFrom: '2026-09-01',
    });
    expect(member.status).toBe(201);
    const project = await apps.projects.post<Rec>(PROJECTS, aProject(village));
    expect(project.status).toBe(201);
    // projects learns of the household from households.events.v1
    const link = await waitFor('projects to accept the household as a beneficiary', async () => {
      const r = await apps.projects.post<Rec>(`${PROJECTS}/${project.body.id}/beneficiaries`, {
        householdId: h.body.id,
        kind: 'wage',
        startsOn: '2026-01-01',
      });
      return r.status === 201 ? r.body : undefined;
    });
    const paid = await apps.projects.post<Rec>(`${PROJECTS}/${project.body.id}/distributions`, {
      householdId: h.body.id,
      kind: 'wage',
      amount: 1200,
      paidOn: '2026-03-01',
    });
    expect(paid.status).toBe(201);
    return {
      household: h.body.id,
      project: project.body.id,
      beneficiary: link.id,
      distribution: paid.body.id,
      survey: s.body.id,
      alert: alert.id,
      delivery: delivery.id,
      team: team.body.id,
      member: member.body.id,
    };
  }

  async function login(username: string, password: string) {
    const r = await gw.post<{ accessToken: string; refreshToken: string; user: { id: string } }>(
      '/api/v1/auth/login',
      { username, password },
      { token: null },
    );
    expect(r.status).toBe(200);
    return r.body;
  }

  /** A request as a role: a bearer token for people, a signed request for the integration client. */
  function as(role: Role, method: string, path: string, body?: unknown) {
    if (role !== 'integration-client') return gw.request(method, path, body, { token: tokens.get(role)! });
    const raw = body === undefined ? '' : JSON.stringify(body);
    return gw.request(method, path, body === undefined ? undefined : raw, {
      token: null,
      headers: signRequest(integration.keyId, integration.secret, { method, path, body: raw }),
    });
  }

  beforeAll(async () => {
    await platform.start([
      'households',
      'monitoring',
      'rules',
      'notifier',
      'supervision',
      'projects',
      'gateway',
    ]);
    gw = platform.apps.gateway;
    adminToken = (await login(GATEWAY_ADMIN.username, GATEWAY_ADMIN.password)).accessToken;
    for (const v of [V.A1, V.B1, V.C1]) byVillage.set(v, await seed(v));
    for (const c of CASTS) own.set(c.role, await seed(V.A1));
    for (const c of CASTS.filter((c) => c.role !== 'integration-client')) {
      const username = `u-${c.role}`;
      const created = await gw.post(
        '/api/v1/users',
        {
          username,
          displayName: c.role,
          password: `${username}-password`,
          roles: [{ role: c.role, unit: c.unit }],
        },
        { token: adminToken },
      );
      expect(created.status).toBe(201);
      const session = await login(username, `${username}-password`);
      tokens.set(c.role, session.accessToken);
      // a 帮扶责任人 sees the households paired with them only: the village's household read "inside" is theirs
      if (c.role === 'paired-cadre') {
        const pairing = await platform.apps.households.request(
          'PUT',
          `/api/v1/households/${byVillage.get(c.inside)!.household}/paired-cadres`,
          { cadres: [{ userId: session.user.id, name: '帮扶责任人', orgUnit: c.unit }] },
        );
        expect(pairing.status).toBe(200);
        // and the household it records into (monitoring, rules and projects limit it to its households too)
        const ownPairing = await platform.apps.households.request(
          'PUT',
          `/api/v1/households/${own.get(c.role)!.household}/paired-cadres`,
          { cadres: [{ userId: session.user.id, name: '帮扶责任人', orgUnit: c.unit }] },
        );
        expect(ownPairing.status).toBe(200);
      }
    }
    const key = await gw.post<{ keyId: string; secret: string }>(
      '/api/v1/integration-clients',
      { name: 'DingTalk bridge', unit: V.A1 },
      { token: adminToken },
    );
    expect(key.status).toBe(201);
    integration = key.body;
  }, 240_000);

  afterAll(() => platform.stop(), 60_000);

  it('every role × record × action holds: in scope works, out of scope is refused, lists never leak', async () => {
    const cells: Array<{ role: Role; cell: string; expected: string; got: string; ok: boolean }> = [];
    const check = (role: Role, cell: string, expected: number[], got: number, extra = true) =>
      cells.push({
        role,
        cell,
        expected: expected.join('|'),
        got: String(got),
        ok: expected.includes(got) && extra,
      });
    let month = 1;
    for (const c of CASTS) {
      const inside = byVillage.get(c.inside)!;
      const outside = byVillage.get(c.outside)!;
      const mine = own.get(c.role)!;
      for (const kind of KINDS) {
        const canRead = allowed(READ[kind], c.role);
        const r1 = await as(c.role, 'GET', `${PATH[kind]}/${inside[kind]}`);
        check(c.role, `${kind}.read-in`, canRead ? [200] : [403], r1.status);
        const r2 = await as(c.role, 'GET', `${PATH[kind]}/${outside[kind]}`);
        check(c.role, `${kind}.read-out`, canRead ? [404] : [403], r2.status);
        const list = await as(c.role, 'GET', `${PATH[kind]}?pageSize=500`);
        const items = (list.body as Page<Rec> | null)?.items ?? [];
        const ids = items.map((i) => i.id);
        const noLeak = canRead
          ? ids.includes(inside[kind]) &&
            !ids.includes(outside[kind]) &&
            items.every((i) => i.villageCode.startsWith(c.unit))
          : true;
        check(c.role, `${kind}.list`, canRead ? [200] : [403], list.status, noLeak);

        const canWrite = allowed(WRITE[kind], c.role);
        if (kind === 'household') {
          const w1 = await as(
            c.role,
            'POST',
            PATH.household,
            aHousehold(String(householdNo++), { villageCode: c.inside }),
          );
          check(c.role, 'household.write-in', canWrite ? [201] : [403], w1.status);
          const w2 = await as(
            c.role,
            'POST',
            PATH.household,
            aHousehold(String(householdNo++), { villageCode: c.outside }),
          );
          check(c.role, 'household.write-out', [403], w2.status);
        } else if (kind === 'survey') {
          const m = `2025-${String(month++).padStart(2, '0')}`;
          const w1 = await as(c.role, 'POST', PATH.survey, aSurvey(mine.household, { month: m }));
          check(c.role, 'survey.write-in', canWrite ? [201] : [403], w1.status);
          // a household outside the scope is as unknown as one that does not exist
          const w2 = await as(c.role, 'POST', PATH.survey, aSurvey(outside.household, { month: m }));
          check(c.role, 'survey.write-out', canWrite ? [400] : [403], w2.status);
        } else if (kind === 'alert') {
          const w1 = await as(c.role, 'POST', `${PATH.alert}/${mine.alert}/acknowledge`);
          check(c.role, 'alert.write-in', canWrite ? [200] : [403], w1.status);
          const w2 = await as(c.role, 'POST', `${PATH.alert}/${outside.alert}/acknowledge`);
          check(c.role, 'alert.write-out', canWrite ? [404] : [403], w2.status);
        } else if (kind === 'team') {
          const w1 = await as(c.role, 'POST', PATH.team, aTeam(c.inside));
          check(c.role, 'team.write-in', canWrite ? [201] : [403], w1.status);
          const w2 = await as(c.role, 'POST', PATH.team, aTeam(c.outside));
          check(c.role, 'team.write-out', [403], w2.status);
          const w3 = await as(c.role, 'PATCH', `${PATH.team}/${outside.team}`, { name: '改名' });
          check(c.role, 'team.update-out', canWrite ? [404] : [403], w3.status);
        }
      }
      // a team member's attendance month: as readable as the team
      const canReadAttendance = allowed(Permissions.readSupervision, c.role);
      const summary = (m: string) => `/api/v1/attendance/summary?memberId=${m}&month=2026-10`;
      const a1 = await as(c.role, 'GET', summary(inside.member));
      check(c.role, 'attendance.read-in', canReadAttendance ? [200] : [403], a1.status);
      const a2 = await as(c.role, 'GET', summary(outside.member));
      check(c.role, 'attendance.read-out', canReadAttendance ? [404] : [403], a2.status);
      await projectCells(c, inside, outside, mine, check);
    }
    // nothing outside any scope changed: the outside alerts are all still open, the teams unrenamed,
    // the projects unrenamed, with their one beneficiary and one payment
    for (const v of [V.B1, V.C1]) {
      const out = byVillage.get(v)!;
      const p = await platform.apps.projects.get<{ name: string }>(`${PROJECTS}/${out.project}`);
      expect(p.body.name).toBe(aProject(v).name);
      for (const sub of ['beneficiaries', 'distributions'])
        expect(
          (await platform.apps.projects.get<Page<Rec>>(`${PROJECTS}/${out.project}/${sub}`)).body.total,
        ).toBe(1);
      const a = await platform.apps.rules.get<{ status: string }>(
        `/api/v1/alerts/${byVillage.get(v)!.alert}`,
      );
      expect(a.body.status).toBe('open');
      const t = await platform.apps.supervision.get<{ name: string }>(
        `/api/v1/teams/${byVillage.get(v)!.team}`,
      );
      expect(t.body.name).toBe('驻村工作队');
    }
    const columns = [...new Set(cells.map((x) => x.cell))];
    const table = Object.fromEntries(
      CASTS.map((c) => [
        c.role,
        Object.fromEntries(
          columns.map((col) => {
            const x = cells.find((y) => y.role === c.role && y.cell === col);
            return [col, x ? `${x.ok ? '✓' : '✗'}${x.got}` : '-'];
          }),
        ),
      ]),
    );
    console.table(table);
    const failed = cells.filter((x) => !x.ok);
    console.log(
      `tenancy matrix: ${CASTS.length} roles × ${KINDS.length + PROJECT_KINDS.length} kinds of record ` +
        `(${[...KINDS, ...PROJECT_KINDS].join(', ')}) + attendance = ${cells.length} cells; ` +
        `${cells.length - failed.length} held, ${failed.length} failed`,
    );
    expect(failed).toEqual([]);
  }, 300_000);

  /**
   * 产业帮扶: projects, their beneficiaries (受益户) and distributions (收益分配), and a household's
   * benefits. Out-of-scope projects are 404 for reads and writes alike; lists never leak.
   */
  async function projectCells(
    c: (typeof CASTS)[number],
    inside: Records,
    outside: Records,
    mine: Records,
    check: (role: Role, cell: string, expected: number[], got: number, extra?: boolean) => void,
  ) {
    const canRead = allowed(Permissions.readProjects, c.role);
    const canWrite = allowed(Permissions.writeProjects, c.role);
    const canPay = allowed(Permissions.payDistributions, c.role);
    const read = (n: 200 | 404) => (canRead ? [n] : [403]);
    const listed = async (path: string, must: string, mustNot?: string) => {
      const r = await as(c.role, 'GET', `${path}${path.includes('?') ? '&' : '?'}pageSize=500`);
      const items = (r.body as Page<Rec> | null)?.items ?? [];
      const ids = items.map((i) => i.id);
      const noLeak =
        !canRead ||
        (ids.includes(must) &&
          (!mustNot || !ids.includes(mustNot)) &&
          items.every((i) => i.villageCode.startsWith(c.unit)));
      return { status: r.status, noLeak };
    };
    const r = c.role;
    // projects
    check(r, 'project.read-in', read(200), (await as(r, 'GET', `${PROJECTS}/${inside.project}`)).status);
    check(r, 'project.read-out', read(404), (await as(r, 'GET', `${PROJECTS}/${outside.project}`)).status);
    const pl = await listed(PROJECTS, inside.project, outside.project);
    check(r, 'project.list', read(200), pl.status, pl.noLeak);
    const pw1 = await as(r, 'POST', PROJECTS, aProject(c.inside));
    check(r, 'project.write-in', canWrite ? [201] : [403], pw1.status);
    const pw2 = await as(r, 'POST', PROJECTS, aProject(c.outside));
    check(r, 'project.write-out', [403], pw2.status);
    const pw3 = await as(r, 'PATCH', `${PROJECTS}/${outside.project}`, { name: '改名' });
    check(r, 'project.update-out', canWrite ? [404] : [403], pw3.status);
    // beneficiaries (受益户)
    const bl1 = await listed(`${PROJECTS}/${inside.project}/beneficiaries`, inside.beneficiary);
    check(r, 'beneficiary.list-in', read(200), bl1.status, bl1.noLeak);
    const bl2 = await as(r, 'GET', `${PROJECTS}/${outside.project}/beneficiaries`);
    check(r, 'beneficiary.list-out', read(404), bl2.status);
    const link = (householdId: string) => ({ householdId, kind: 'land_lease', startsOn: '2026-02-01' });
    const bw1 = await as(r, 'POST', `${PROJECTS}/${mine.project}/beneficiaries`, link(mine.household));
    check(r, 'beneficiary.write-in', canWrite ? [201] : [403], bw1.status);
    const bw2 = await as(r, 'POST', `${PROJECTS}/${outside.project}/beneficiaries`, link(mine.household));
    check(r, 'beneficiary.write-out', canWrite ? [404] : [403], bw2.status);
    // a household outside the scope is as unknown as one that does not exist
    const bw3 = await as(r, 'POST', `${PROJECTS}/${mine.project}/beneficiaries`, link(outside.household));
    check(r, 'beneficiary.household-out', canWrite ? [400] : [403], bw3.status);
    // distributions (收益分配)
    const dl1 = await listed(`${PROJECTS}/${inside.project}/distributions`, inside.distribution);
    check(r, 'distribution.list-in', read(200), dl1.status, dl1.noLeak);
    const dl2 = await as(r, 'GET', `${PROJECTS}/${outside.project}/distributions`);
    check(r, 'distribution.list-out', read(404), dl2.status);
    const pay = { householdId: mine.household, kind: 'wage', amount: 800, paidOn: '2026-04-01' };
    const dw1 = await as(r, 'POST', `${PROJECTS}/${mine.project}/distributions`, pay);
    check(r, 'distribution.write-in', canPay ? [201] : [403], dw1.status);
    const dw2 = await as(r, 'POST', `${PROJECTS}/${outside.project}/distributions`, {
      ...pay,
      householdId: outside.household,
    });
    check(r, 'distribution.write-out', canPay ? [404] : [403], dw2.status);
    // what a household gets from projects
    const benefits = (h: string) => `${PROJECTS}/households/${h}`;
    check(r, 'benefits.read-in', read(200), (await as(r, 'GET', benefits(inside.household))).status);
    check(r, 'benefits.read-out', read(404), (await as(r, 'GET', benefits(outside.household))).status);
  }

  it("the integration client pushes check-ins through the gateway for its own village's members only", async () => {
    const path = '/api/v1/integrations/checkins';
    const rec = (memberId: string, id: string) => ({
      source: 'gps-terminal',
      sourceRecordId: id,
      memberId,
      checkTime: '2026-10-14T09:00:00+08:00',
    });
    const inside = byVillage.get(V.A1)!.member;
    const outside = byVillage.get(V.B1)!.member;
    const res = await as('integration-client', 'POST', path, {
      records: [rec(inside, 'gw-1'), rec(outside, 'gw-2')],
    });
    expect(res).toMatchObject({ status: 200, body: { received: 2, accepted: 1, unmatched: 1 } });
    const counted = async (memberId: string) =>
      (await platform.apps.supervision.get<Page<unknown>>(`/api/v1/checkins?memberId=${memberId}`)).body
        .total;
    expect(await counted(inside)).toBe(1);
    expect(await counted(outside)).toBe(0);
    // a person's token is no integration credential
    const cadre = await as('village-cadre', 'POST', path, { records: [rec(inside, 'gw-3')] });
    expect(cadre.status).toBe(403);
    expect(await counted(inside)).toBe(1);
  });

  describe('bad credentials get 401 and change nothing', () => {
    const number = (n: string) => `X${n}`;
    const attempt = (n: string) => aHousehold(number(n), { villageCode: V.A1 });

    it.each([
      ['no token', async () => gw.post(PATH.household, attempt('1'), { token: null })],
      [
        'an expired token',
        async () =>
          gw.post(PATH.household, attempt('2'), {
            token: await devToken(undefined, 60, new Date(Date.now() - 3_600_000)),
          }),
      ],
      [
        'a tampered token',
        async () => {
          const [h, p, s] = tokens.get('village-cadre')!.split('.');
          const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
          claims.roles = [{ role: 'county-admin', unit: '621300' }];
          const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
          return gw.post(PATH.household, attempt('3'), { token: forged });
        },
      ],
      [
        'a token signed with another key',
        async () => {
          const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
          const token = await new SignJWT({
            kind: 'service',
            name: 'x',
            roles: [{ role: 'service', unit: '*' }],
          })
            .setProtectedHeader({ alg: 'EdDSA' })
            .setSubject('intruder')
            .setIssuer(JWT_ISSUER)
            .setAudience(JWT_AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('10m')
            .sign(privateKey);
          return gw.post(PATH.household, attempt('4'), { token });
        },
      ],
      [
        'a signed request with a wrong signature',
        async () => {
          const raw = JSON.stringify(attempt('5'));
          const headers = signRequest(integration.keyId, 'not-the-secret', {
            method: 'POST',
            path: PATH.household,
            body: raw,
          });
          return gw.request('POST', PATH.household, raw, { token: null, headers });
        },
      ],
      [
        'a signed request with a stale timestamp',
        async () => {
          const raw = JSON.stringify(attempt('6'));
          const headers = signRequest(integration.keyId, integration.secret, {
            method: 'POST',
            path: PATH.household,
            body: raw,
            timestamp: Date.now() - 6 * 60_000,
          });
          return gw.request('POST', PATH.household, raw, { token: null, headers });
        },
      ],
    ])('%s', async (_label, send) => {
      const res = await send();
      expect(res.status).toBe(401);
    });

    it('a replayed nonce (the first request passes, its replay does not)', async () => {
      const h = own.get('integration-client')!.household;
      const raw = JSON.stringify(aSurvey(h, { month: '2024-01' }));
      const headers = signRequest(integration.keyId, integration.secret, {
        method: 'POST',
        path: PATH.survey,
        body: raw,
      });
      expect((await gw.request('POST', PATH.survey, raw, { token: null, headers })).status).toBe(201);
      expect((await gw.request('POST', PATH.survey, raw, { token: null, headers })).status).toBe(401);
      const surveys = await platform.apps.monitoring.get<Page<unknown>>(
        `/api/v1/surveys?householdId=${h}&month=2024-01`,
      );
      expect(surveys.body.total).toBe(1);
    });

    it('nothing was written by any of them', async () => {
      const list = await platform.apps.households.get<Page<{ householdNumber: string }>>(
        `/api/v1/households?villageCode=${V.A1}&pageSize=500`,
      );
      expect(list.body.items.filter((h) => h.householdNumber.startsWith('X'))).toEqual([]);
    });
  });

  describe('query operators smuggled through JSON or the query string get 400, never run', () => {
    const enc = encodeURIComponent;
    it.each([
      ['GET', `${PATH.household}/${enc('{"$ne":null}')}`],
      ['GET', `${PATH.survey}/${enc('{"$gt":""}')}`],
      ['GET', `${PATH.alert}/${enc('{"$ne":null}')}`],
      ['GET', `${PATH.delivery}/${enc('{"$gt":""}')}`],
      ['GET', `${PATH.household}?townCode[$ne]=x`],
      ['GET', `${PATH.household}?townCode[${enc('$gt')}]=`],
      ['GET', `${PATH.alert}?subjectId[$ne]=x`],
      ['GET', `${PATH.delivery}?alertId[$gt]=`],
      ['GET', `${PATH.survey}?${enc('householdId[$ne]')}=null`],
    ])('%s %s', async (method, path) => {
      expect((await gw.request(method, path, undefined, { token: adminToken })).status).toBe(400);
    });

    it.each([{ $ne: null }, { $gt: '' }])('POST a survey with householdId %o', async (op) => {
      const res = await gw.post<{ problems: Array<{ field: string }> }>(
        PATH.survey,
        aSurvey(own.get('county-admin')!.household, { householdId: op, month: '2024-02' }),
        { token: adminToken },
      );
      expect(res.status).toBe(400);
      expect(res.body.problems[0].field).toMatch(/^householdId\.\$/);
    });
  });

  describe('sessions', () => {
    it('refresh tokens rotate; a reused one revokes the session; logout revokes', async () => {
      const first = await login('u-town-official', 'u-town-official-password');
      const second = await gw.post<{ accessToken: string; refreshToken: string }>(
        '/api/v1/auth/refresh',
        { refreshToken: first.refreshToken },
        { token: null },
      );
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      // the first one again: a thief's replay; the whole family is revoked
      expect(
        (await gw.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken }, { token: null })).status,
      ).toBe(401);
      expect(
        (await gw.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken }, { token: null }))
          .status,
      ).toBe(401);

      const third = await login('u-town-official', 'u-town-official-password');
      expect((await gw.get('/api/v1/auth/me', { token: third.accessToken })).status).toBe(200);
      expect(
        (
          await gw.post(
            '/api/v1/auth/logout',
            { refreshToken: third.refreshToken },
            { token: third.accessToken },
          )
        ).status,
      ).toBe(204);
      expect((await gw.get(PATH.household, { token: third.accessToken })).status).toBe(401);
      expect(
        (await gw.post('/api/v1/auth/refresh', { refreshToken: third.refreshToken }, { token: null })).status,
      ).toBe(401);
    });

    it('sign-in is throttled after repeated failures', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (
            await gw.post(
              '/api/v1/auth/login',
              { username: 'u-inspector', password: 'wrong' },
              { token: null },
            )
          ).status,
        );
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const right = await gw.post(
        '/api/v1/auth/login',
        { username: 'u-inspector', password: 'u-inspector-password' },
        { token: null },
      );
      expect(right.status).toBe(429);
    });
  });

  it("integration clients' secrets are sealed at rest: the stored value is not the secret", async () => {
    const mongo = await MongoClient.connect(infra.mongoUrl);
    try {
      const stored = await mongo
        .db(`${platform.runId}_gateway`)
        .collection<{ _id: string; secret: string }>('api_keys')
        .findOne({ _id: integration.keyId });
      expect(stored?.secret).toMatch(/^dev1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(stored?.secret).not.toContain(integration.secret);
    } finally {
      await mongo.close();
    }
  });

  it("user administration stays within the administrator's scope", async () => {
    const newUser = (unit: string, username: string) => ({
      username,
      displayName: 'x',
      password: `${username}-password`,
      roles: [{ role: 'village-cadre', unit }],
    });
    // granting a unit outside one's county: 403; a non-administrator: 403
    expect((await gw.post('/api/v1/users', newUser(V.C1, 'u-outside'), { token: adminToken })).status).toBe(
      403,
    );
    expect(
      (
        await gw.post('/api/v1/users', newUser(V.A1, 'u-by-official'), {
          token: tokens.get('town-official')!,
        })
      ).status,
    ).toBe(403);
    const users = await gw.get<Page<{ id: string; username: string }>>('/api/v1/users', {
      token: adminToken,
    });
    expect(users.body.items.map((u) => u.username)).toContain('u-paired-cadre');
    // disabling a user ends their sign-in and sessions
    const paired = users.body.items.find((u) => u.username === 'u-paired-cadre')!;
    const session = await login('u-paired-cadre', 'u-paired-cadre-password');
    const patched = await gw.request(
      'PATCH',
      `/api/v1/users/${paired.id}`,
      { disabled: true },
      { token: adminToken },
    );
    expect(patched.status).toBe(200);
    expect(
      (
        await gw.post(
          '/api/v1/auth/login',
          { username: 'u-paired-cadre', password: 'u-paired-cadre-password' },
          { token: null },
        )
      ).status,
    ).toBe(401);
    expect(
      (await gw.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken }, { token: null })).status,
    ).toBe(401);
  });

  it("a page names who acted: the names of the users in and above the caller's units, nobody else's", async () => {
    const all = await gw.get<Page<{ id: string; username: string }>>('/api/v1/users?pageSize=500', {
      token: adminToken,
    });
    const idOf = (username: string) => all.body.items.find((u) => u.username === username)!.id;
    const elsewhere = await gw.post<{ id: string }>(
      '/api/v1/users',
      {
        username: 'u-other-town-cadre',
        displayName: '外镇村干部',
        password: 'u-other-town-cadre-password',
        roles: [{ role: 'village-cadre', unit: V.B1 }],
      },
      { token: adminToken },
    );
    expect(elsewhere.status).toBe(201);
    const asked = [idOf('u-town-official'), idOf(GATEWAY_ADMIN.username), elsewhere.body.id];
    const names = await gw.get<{ items: Array<Record<string, unknown>> }>(
      `/api/v1/users/names?ids=${asked.join(',')}`,
      { token: tokens.get('village-cadre')! },
    );
    expect(names.status).toBe(200);
    // the town official and the county administrator above the village; not the other town's cadre
    expect(names.body.items.map((u) => u.id).sort()).toEqual(asked.slice(0, 2).sort());
    expect(names.body.items).toContainEqual({ id: idOf('u-town-official'), displayName: 'town-official' });
    // names only: no usernames, roles or password hashes
    for (const u of names.body.items) expect(Object.keys(u).sort()).toEqual(['displayName', 'id']);
    const bad = await gw.get<{ message: string }>('/api/v1/users/names?ids=not-a-user', {
      token: tokens.get('village-cadre')!,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('ids');
  });

  it('the audit log shows who read and wrote which record, when and from where (auditors only)', async () => {
    const audit = await gw.get<
      Page<{
        actorName: string;
        method: string;
        path: string;
        recordId: string | null;
        status: number;
        ip: string;
        at: string;
        roles: unknown[];
      }>
    >('/api/v1/audit?actorName=u-village-cadre&pageSize=500', { token: tokens.get('auditor')! });
    expect(audit.status).toBe(200);
    const entries = audit.body.items;
    const inside = byVillage.get(V.A1)!;
    expect(entries).toContainEqual(
      expect.objectContaining({ method: 'GET', recordId: inside.household, status: 200 }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ method: 'POST', path: PATH.household, status: 201 }),
    );
    expect(entries.find((e) => e.method === 'POST' && e.status === 201)?.recordId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries).toContainEqual(
      expect.objectContaining({ method: 'POST', recordId: own.get('village-cadre')!.alert, status: 200 }),
    );
    for (const e of entries) {
      expect(e.ip).toBeTruthy();
      expect(e.at).toBeTruthy();
      expect(e.roles).toEqual([{ role: 'village-cadre', unit: V.A1 }]);
    }
    const integ = await gw.get<Page<{ actorKind: string }>>(
      `/api/v1/audit?actorName=${encodeURIComponent('DingTalk bridge')}`,
      { token: tokens.get('auditor')! },
    );
    expect(integ.body.total).toBeGreaterThan(0);
    console.log(
      `audit entries of the village cadre: ${entries.length}; of the integration client: ${integ.body.total}`,
    );
    expect((await gw.get('/api/v1/audit', { token: tokens.get('town-official')! })).status).toBe(403);
    expect((await gw.get('/api/v1/audit', { token: tokens.get('auditor')! })).status).toBe(200);
  });

  it("the gateway's own API is audited too: user administration, refused attempts and failed sign-ins", async () => {
    type Entry = {
      actorName: string | null;
      method: string;
      path: string;
      recordId: string | null;
      status: number;
    };
    const auditOf = async (query: string) =>
      (await gw.get<Page<Entry>>(`/api/v1/audit?${query}&pageSize=500`, { token: tokens.get('auditor')! }))
        .body.items;
    const users = await gw.get<Page<{ id: string; username: string }>>('/api/v1/users?pageSize=500', {
      token: adminToken,
    });
    const paired = users.body.items.find((u) => u.username === 'u-paired-cadre')!;
    // the administrator disabled the paired cadre (the test above): the entry names the user changed
    expect(await auditOf(`actorName=${GATEWAY_ADMIN.username}&path=/api/v1/users`)).toContainEqual(
      expect.objectContaining({ method: 'PATCH', recordId: paired.id, status: 200 }),
    );
    // the town official's refused attempt to create a user
    expect(await auditOf('actorName=u-town-official&path=/api/v1/users')).toContainEqual(
      expect.objectContaining({ method: 'POST', path: '/api/v1/users', status: 403 }),
    );
    // the disabled user's sign-in attempt, named by the username tried
    expect(await auditOf('actorName=u-paired-cadre&path=/api/v1/auth/login')).toContainEqual(
      expect.objectContaining({ method: 'POST', status: 401 }),
    );
    // a NUL byte in a record's id (the database refuses it raw) is kept visible as \u0000, never lost;
    // the entry is written as the answer goes out, so it is awaited
    for (const [method, resource] of [
      ['PATCH', 'users'],
      ['GET', 'households'],
    ]) {
      const refused = await gw.request(
        method,
        `/api/v1/${resource}/%00x`,
        method === 'GET' ? undefined : {},
        {
          token: adminToken,
        },
      );
      expect(refused.status).toBeGreaterThanOrEqual(400);
      await waitFor(`the audit entry of ${method} /api/v1/${resource}/%00x`, async () =>
        (await auditOf(`actorName=${GATEWAY_ADMIN.username}&path=/api/v1/${resource}/%2500x`)).some(
          (e) => e.path === `/api/v1/${resource}/%00x` && e.recordId === '\\u0000x',
        ),
      );
    }
  });
});
