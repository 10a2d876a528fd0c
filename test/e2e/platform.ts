import { signRequest } from '@lib/auth';
import {
  ALL_APPS,
  AppName,
  AppProcess,
  infra,
  KafkaProbe,
  uniqueRunId,
  waitFor,
  WebhookSink,
} from '@lib/testing';

export const GATEWAY_ADMIN = { username: 'root-admin', password: 'root-admin-password-1', unit: '621299' };

/** The gateway's upstream variables (HOUSEHOLDS_URL …), one per app, at the addresses given. */
export function upstreamUrls(urlOf: (app: AppName) => string): Record<string, string> {
  return Object.fromEntries(
    ALL_APPS.filter((a) => a !== 'gateway').map((a) => [`${a.toUpperCase()}_URL`, urlOf(a)]),
  );
}

/**
 * The apps of the walking skeleton (and the gateway in front of them) as separate processes against the real Kafka, FerretDB
 * and Redis, isolated from other runs by a topic prefix, their own databases and queue prefix.
 */
export class Platform {
  readonly runId = uniqueRunId('e2e');
  readonly prefix = `${this.runId}.`;
  readonly sink = new WebhookSink();
  readonly kafka = new KafkaProbe();
  apps = {} as Record<AppName, AppProcess>;

  topic(base: string) {
    return `${this.prefix}${base}`;
  }

  group(app: AppName) {
    return `${this.prefix}${app}`;
  }

  envOf(app: AppName): Record<string, string> {
    return {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      KAFKA_PARTITIONS: '3',
      MONGO_URL: infra.mongoUrl,
      MONGO_DB: `${this.runId}_${app}`,
      REDIS_URL: infra.redisUrl,
      QUEUE_PREFIX: this.runId,
      NOTIFIER_WEBHOOK_URL: this.sink.url,
      DELIVERY_BACKOFF_MS: '100',
      ...(app === 'gateway' ? this.gatewayEnv() : {}),
    };
  }

  /** The gateway routes to the apps of this run (their ports are known once created). */
  private gatewayEnv(): Record<string, string> {
    const url = (name: AppName, fallback: string) => this.apps[name]?.url ?? fallback;
    return {
      GATEWAY_REDIS_PREFIX: `${this.runId}gw`,
      ...upstreamUrls((name) => url(name, 'http://127.0.0.1:1')),
      GATEWAY_ADMIN_USERNAME: GATEWAY_ADMIN.username,
      GATEWAY_ADMIN_PASSWORD: GATEWAY_ADMIN.password,
      GATEWAY_ADMIN_UNIT: GATEWAY_ADMIN.unit,
      GATEWAY_RATE_LIMIT_PER_MINUTE: '5000',
    };
  }

  async start(names: AppName[] = ['households', 'monitoring', 'rules', 'notifier']): Promise<this> {
    await this.sink.start();
    // the gateway last: its environment names the other apps' addresses
    const ordered = [...names.filter((n) => n !== 'gateway'), ...names.filter((n) => n === 'gateway')];
    for (const name of ordered) this.apps[name] = await AppProcess.create(name, this.runId, this.envOf(name));
    await Promise.all(names.map((n) => this.apps[n].start()));
    return this;
  }

  async restart(name: AppName, how: 'stop' | 'kill' = 'stop') {
    await this.apps[name][how]();
    await this.apps[name].start();
  }

  /** Registers a household with households and waits until monitoring knows it; its id. */
  async registerMonitoredHousehold(householdNumber: string, overrides: Record<string, unknown> = {}) {
    const { households, monitoring } = this.apps;
    const created = await households.post<{ id: string }>(
      '/api/v1/households',
      aHousehold(householdNumber, overrides),
    );
    if (created.status !== 201)
      throw new Error(`household ${householdNumber}: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id;
    await waitFor(
      'monitoring to know the household',
      async () => (await monitoring.get(`/api/v1/monitored-households/${id}`)).status === 200,
    );
    return id;
  }

  /**
   * A village collective's project in the demo village with the household as a dividend (分红)
   * beneficiary from `startsOn` (projects learns of the household from households.events.v1); its id.
   */
  async dividendProject(householdId: string, name: string, startsOn: string): Promise<string> {
    const { projects } = this.apps;
    const project = await projects.post<{ id: string }>('/api/v1/projects', {
      name,
      type: 'aquaculture',
      phase: '冷水鱼二期',
      villageCode: demoVillage,
      owner: { kind: 'village_collective', name: '三联村股份经济合作社' },
      startsOn,
      fundSources: [{ source: 'central_linkage_fund', amount: 500000 }],
    });
    if (project.status !== 201) throw new Error(`project: ${project.status} ${JSON.stringify(project.body)}`);
    const projectId = project.body.id;
    await waitFor('projects to accept the household as a beneficiary', async () => {
      const res = await projects.post(`/api/v1/projects/${projectId}/beneficiaries`, {
        householdId,
        kind: 'dividend',
        sharePercent: 2,
        startsOn,
      });
      return res.status === 201;
    });
    return projectId;
  }

  async stop() {
    await Promise.all(Object.values(this.apps).map((a) => a.stop()));
    await this.sink.stop();
    await this.kafka.close();
  }
}

export const demoVillage = '621299101201';

export function aHousehold(householdNumber: string, overrides: Record<string, unknown> = {}) {
  return {
    householdNumber,
    villageCode: demoVillage,
    householdType: 'lifted_out_of_poverty',
    monitoringCategory: 'unstable_lifted',
    members: [
      { name: '王建国', relation: 'head', sex: 'male', birthDate: '1968-04-12', labourSkill: 'ordinary' },
      { name: '李秀英', relation: 'spouse', sex: 'female', birthDate: '1970-09-03', labourSkill: 'weak' },
    ],
    ...overrides,
  };
}

export function aSurvey(householdId: string, overrides: Record<string, unknown> = {}) {
  return {
    householdId,
    month: '2026-10',
    visitor: '驻村工作队 张明',
    income: { wage: 6000, business: 1500, property: 0, transfer: 2400, businessCosts: 500 },
    residentMembers: 2,
    ...overrides,
  };
}

/**
 * A work team in the demo village with one member, created through the gateway by the signed-in
 * administrator, and a GPS terminal's integration key bound to the town: `pushCheckIns` posts a
 * batch to the signed check-in endpoint as that terminal would.
 */
export async function aWorkTeam(
  gw: AppProcess,
  token: string,
  member: { name: string; role: 'first_secretary' | 'member'; postedFrom: string },
) {
  const auth = { token };
  const created = async <T>(what: string, path: string, body: unknown) => {
    const res = await gw.post<T>(path, body, auth);
    if (res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const team = await created<{ id: string }>('team', '/api/v1/teams', {
    name: '三联村驻村工作队',
    villageCode: demoVillage,
    sendingUnit: '县农业农村局',
    geofence: { latitude: 34.58, longitude: 105.72, radiusM: 800 },
  });
  const { id: memberId } = await created<{ id: string }>('member', `/api/v1/teams/${team.id}/members`, {
    ...member,
    sendingUnit: '县农业农村局',
  });
  const key = await created<{ keyId: string; secret: string }>('key', '/api/v1/integration-clients', {
    name: 'GPS考勤终端',
    unit: demoVillage.slice(0, 9),
  });
  const path = '/api/v1/integrations/checkins';
  const pushCheckIns = (records: unknown[]) => {
    const raw = JSON.stringify({ records });
    return gw.request<{ accepted: number }>('POST', path, raw, {
      token: null,
      headers: signRequest(key.keyId, key.secret, { method: 'POST', path, body: raw }),
    });
  };
  return { teamId: team.id, memberId, pushCheckIns };
}
