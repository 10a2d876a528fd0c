import { randomBytes } from 'node:crypto';
import { signRequest } from '@lib/auth';
import { AppProcess, infra, KafkaProbe, uniqueRunId } from '@lib/testing';

/** The supervision app as its own process against the real Kafka, FerretDB and Redis, isolated per run. */
export class SupervisionHarness {
  readonly runId = uniqueRunId('sv');
  readonly prefix = `${this.runId}.`;
  readonly kafka = new KafkaProbe();
  readonly dingtalk = {
    token: `tok${randomBytes(6).toString('hex')}`,
    // The console's EncodingAESKey: 43 base64 characters (32 random bytes without the trailing '=').
    encodingAesKey: randomBytes(32).toString('base64').slice(0, 43),
    ownerKey: 'dingtest-app-key',
  };
  /** The signed client, bound to town 621299101 (the demo village's town). */
  readonly integration = {
    keyId: 'gps-terminal',
    secret: randomBytes(24).toString('hex'),
    unit: '621299101',
  };
  app!: AppProcess;

  topic(base: string) {
    return `${this.prefix}${base}`;
  }

  get groupId() {
    return `${this.prefix}supervision`;
  }

  async start(): Promise<this> {
    this.app = await AppProcess.create('supervision', this.runId, {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      KAFKA_PARTITIONS: '3',
      MONGO_URL: infra.mongoUrl,
      MONGO_DB: `${this.runId}_supervision`,
      REDIS_URL: infra.redisUrl,
      REDIS_PREFIX: `${this.runId}:`,
      DINGTALK_TOKEN: this.dingtalk.token,
      DINGTALK_AES_KEY: this.dingtalk.encodingAesKey,
      DINGTALK_OWNER_KEY: this.dingtalk.ownerKey,
      ATTENDANCE_CLOSE_INTERVAL_MS: '0',
      INTEGRATION_SECRETS: `${this.integration.keyId}:${this.integration.secret}@${this.integration.unit}`,
    });
    await this.app.start();
    return this;
  }

  async stop() {
    await this.app?.stop();
    await this.kafka.close();
  }

  async createTeam(over: Record<string, unknown> = {}) {
    const res = await this.app.post<{ id: string }>('/api/v1/teams', {
      name: '三联村驻村工作队',
      villageCode: '621299101201',
      sendingUnit: '县农业农村局',
      geofence: { latitude: 34.58, longitude: 105.72, radiusM: 800 },
      requiredDaysPerMonth: 20,
      ...over,
    });
    if (res.status !== 201) throw new Error(`team: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async addMember(teamId: string, body: Record<string, unknown>) {
    const res = await this.app.post<{ id: string }>(`/api/v1/teams/${teamId}/members`, {
      role: 'member',
      sendingUnit: '县农业农村局',
      postedFrom: '2026-09-01',
      ...body,
    });
    if (res.status !== 201) throw new Error(`member: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** POST to the signed JSON endpoint, signed as the test integration (or as told). */
  async pushSigned(body: unknown, sign: { secret?: string; nonce?: string; timestamp?: number } = {}) {
    const path = '/api/v1/integrations/checkins';
    const raw = JSON.stringify(body);
    const headers = signRequest(this.integration.keyId, sign.secret ?? this.integration.secret, {
      method: 'POST',
      path,
      body: raw,
      nonce: sign.nonce,
      timestamp: sign.timestamp,
    });
    return this.app.request<Record<string, unknown>>('POST', path, raw, { token: null, headers });
  }
}
