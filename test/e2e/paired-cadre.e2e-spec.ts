import { waitFor } from '@lib/testing';
import { aSurvey, demoVillage, GATEWAY_ADMIN, Platform } from './platform';

interface Page<T> {
  items: T[];
  total: number;
}
interface Survey {
  id: string;
  householdId: string;
}
interface Alert {
  id: string;
  subjectId: string;
}

/**
 * A 帮扶责任人 (paired-cadre) through the gateway: in monitoring and rules they see and act on the
 * households paired with them only (each app keeps the pairings from household.pairing-changed.v1);
 * another household of the same village is 404, and a new pairing takes effect without signing in again.
 */
describe('paired cadre: only their households, in every app', () => {
  const platform = new Platform();
  let admin: string;
  let cadre: string;
  let cadreId: string;
  const hh = { mine: '', other: '' };
  const surveys = { mine: '', other: '' };
  const alerts = { mine: '', other: '' };

  const gw = () => platform.apps.gateway;
  const as = <T>(token: string, method: string, path: string, body?: unknown) =>
    gw().request<T>(method, path, body, { token });

  async function login(username: string, password: string) {
    const r = await gw().post<{ accessToken: string; user: { id: string } }>(
      '/api/v1/auth/login',
      { username, password },
      { token: null },
    );
    expect(r.status).toBe(200);
    return r.body;
  }

  beforeAll(async () => {
    await platform.start(['households', 'monitoring', 'rules', 'gateway']);
    admin = (await login(GATEWAY_ADMIN.username, GATEWAY_ADMIN.password)).accessToken;
    const created = await as<{ id: string }>(admin, 'POST', '/api/v1/users', {
      username: 'zhang-paired',
      displayName: '张帮扶',
      password: 'zhang-paired-password',
      roles: [{ role: 'paired-cadre', unit: demoVillage }],
    });
    expect(created.status).toBe(201);
    const session = await login('zhang-paired', 'zhang-paired-password');
    cadre = session.accessToken;
    cadreId = session.user.id;

    hh.mine = await platform.registerMonitoredHousehold('0801');
    hh.other = await platform.registerMonitoredHousehold('0802');
    const paired = await as(admin, 'PUT', `/api/v1/households/${hh.mine}/paired-cadres`, {
      cadres: [{ userId: cadreId, name: '张帮扶', orgUnit: demoVillage }],
    });
    expect(paired.status).toBe(200);
    // a survey below the line for each: each household gets its income-below-line alert
    for (const k of ['mine', 'other'] as const) {
      const s = await as<{ id: string }>(admin, 'POST', '/api/v1/surveys', aSurvey(hh[k]));
      expect(s.status).toBe(201);
      surveys[k] = s.body.id;
      alerts[k] = await waitFor(`the alert of ${k}`, async () => {
        const r = await as<Page<Alert>>(admin, 'GET', `/api/v1/alerts?subjectId=${hh[k]}`);
        return r.body.items?.[0]?.id;
      });
    }
  }, 360_000);

  afterAll(() => platform.stop(), 60_000);

  it('lists only the paired household’s surveys and alerts; the other household of the village is 404', async () => {
    // the pairing reached monitoring and rules (their own read models)
    const list = await waitFor('the cadre to see their household’s survey', async () => {
      const r = await as<Page<Survey>>(cadre, 'GET', '/api/v1/surveys?pageSize=500');
      return r.status === 200 && r.body.total > 0 ? r.body : undefined;
    });
    expect(list.items.map((s) => s.householdId)).toEqual([hh.mine]);
    const alertList = await waitFor('the cadre to see their household’s alert', async () => {
      const r = await as<Page<Alert>>(cadre, 'GET', '/api/v1/alerts?pageSize=500');
      return r.status === 200 && r.body.total > 0 ? r.body : undefined;
    });
    expect(alertList.items.map((a) => a.subjectId)).toEqual([hh.mine]);

    expect((await as(cadre, 'GET', `/api/v1/surveys/${surveys.mine}`)).status).toBe(200);
    expect((await as(cadre, 'GET', `/api/v1/alerts/${alerts.mine}`)).status).toBe(200);
    expect((await as(cadre, 'GET', `/api/v1/monitored-households/${hh.mine}`)).status).toBe(200);

    // the other household of the same village: as if it did not exist
    for (const path of [
      `/api/v1/surveys/${surveys.other}`,
      `/api/v1/alerts/${alerts.other}`,
      `/api/v1/monitored-households/${hh.other}`,
    ]) {
      const r = await as<{ message: string }>(cadre, 'GET', path);
      expect([path, r.status]).toEqual([path, 404]);
    }
    const byFilter = await as<Page<Survey>>(cadre, 'GET', `/api/v1/surveys?householdId=${hh.other}`);
    expect([byFilter.status, byFilter.body.total]).toEqual([200, 0]);
    // acting on it: a survey names an unknown household (400 on householdId, as for one that does not
    // exist); nothing changes
    const write = await as<{ problems: Array<{ field: string }> }>(
      cadre,
      'POST',
      '/api/v1/surveys',
      aSurvey(hh.other, { month: '2026-09' }),
    );
    expect([write.status, write.body.problems?.[0]?.field]).toEqual([400, 'householdId']);
    // acknowledging is not a 帮扶责任人's action (rules' writeAlerts): 403 for their own alert and the other
    // alike, so the answer tells nothing of the other household
    for (const id of [alerts.mine, alerts.other]) {
      const ack = await as(cadre, 'POST', `/api/v1/alerts/${id}/acknowledge`, { note: '已知悉' });
      expect(ack.status).toBe(403);
    }
    const still = await as<Page<Survey>>(admin, 'GET', `/api/v1/surveys?householdId=${hh.other}`);
    expect(still.body.total).toBe(1);
    // their own household: they act on it
    const mine = await as(cadre, 'POST', '/api/v1/surveys', aSurvey(hh.mine, { month: '2026-09' }));
    expect(mine.status).toBe(201);
  }, 180_000);

  it('a new pairing takes effect in monitoring and rules without signing in again', async () => {
    const paired = await as(admin, 'PUT', `/api/v1/households/${hh.other}/paired-cadres`, {
      cadres: [{ userId: cadreId, name: '张帮扶', orgUnit: demoVillage }],
    });
    expect(paired.status).toBe(200);
    await waitFor('the newly paired household’s survey and alert', async () => {
      const s = await as(cadre, 'GET', `/api/v1/surveys/${surveys.other}`);
      const a = await as(cadre, 'GET', `/api/v1/alerts/${alerts.other}`);
      return s.status === 200 && a.status === 200;
    });
    const list = await as<Page<Survey>>(cadre, 'GET', '/api/v1/surveys?pageSize=500');
    expect(new Set(list.body.items.map((s) => s.householdId))).toEqual(new Set([hh.mine, hh.other]));

    // and unpairing takes the household away again
    const unpaired = await as(admin, 'PUT', `/api/v1/households/${hh.mine}/paired-cadres`, { cadres: [] });
    expect(unpaired.status).toBe(200);
    await waitFor('the unpaired household to disappear', async () => {
      const r = await as(cadre, 'GET', `/api/v1/alerts/${alerts.mine}`);
      return r.status === 404;
    });
  }, 180_000);
});
