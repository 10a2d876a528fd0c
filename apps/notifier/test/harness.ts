import {
  AlertAcknowledgedV1,
  AlertRaisedV1,
  AlertResolvedV1,
  HouseholdPairingChangedV1,
  Topics,
} from '@lib/contracts';
import {
  alertAcknowledged,
  alertRaised,
  alertResolved,
  AppProcess,
  householdPairingChanged,
  infra,
  KafkaProbe,
  ReceivedRequest,
  uniqueRunId,
  waitFor,
  WebhookSink,
} from '@lib/testing';

/** The notifier as its own process against the real Kafka, FerretDB and Redis, isolated per run. */
export class NotifierHarness {
  readonly kafka = new KafkaProbe();
  app!: AppProcess;

  /** Pass the `runId` of an earlier harness to run the notifier again on the same data. */
  constructor(
    private readonly env: Record<string, string> = {},
    readonly runId = uniqueRunId('nt'),
  ) {}

  get prefix() {
    return `${this.runId}.`;
  }

  async start(): Promise<this> {
    this.app = await AppProcess.create('notifier', this.runId, {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      KAFKA_PARTITIONS: '3',
      MONGO_URL: infra.mongoUrl,
      MONGO_DB: `${this.runId}_notifier`,
      REDIS_URL: infra.redisUrl,
      QUEUE_PREFIX: this.runId,
      NOTIFIER_WEBHOOK_URL: '',
      ...this.env,
    });
    await this.app.start();
    return this;
  }

  async stop() {
    await this.app?.stop();
    await this.kafka.close();
  }

  /** Configures a DingTalk robot for an org unit through the API; returns its id. */
  async robot(unit: string, sink: WebhookSink): Promise<string> {
    const res = await this.app.post<{ id: string }>('/api/v1/channels', {
      name: `${unit} 值班群机器人`,
      unit,
      target: { kind: 'dingtalk-robot', url: `${sink.url}?access_token=tok-${unit}`, secret: `SEC-${unit}` },
    });
    if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** Configures a signed webhook channel for an org unit through the API; returns its id. */
  async webhook(unit: string, sink: WebhookSink): Promise<string> {
    const res = await this.app.post<{ id: string }>('/api/v1/channels', {
      name: `${unit} 值班接口`,
      unit,
      target: { kind: 'webhook', url: sink.url },
    });
    if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** One alert.raised.v1 as the rules service would build it (publish it with `publish`). */
  alertRaised(
    villageCode: string,
    alertId: string,
    opts: {
      severity?: 'low' | 'medium' | 'high';
      escalateAfterMinutes?: number;
      subjectId?: string;
      recipientRoles?: string[];
    } = {},
  ): AlertRaisedV1 {
    const subjectId = opts.subjectId ?? `h-${alertId}`;
    return alertRaised({
      alertId,
      ruleId: 'income-below-line',
      severity: opts.severity ?? 'medium',
      subjectId,
      townCode: villageCode.slice(0, 9),
      villageCode,
      message: `户 ${alertId}：走访人均纯收入低于监测范围。`,
      explanation: [],
      recipientRoles: opts.recipientRoles ?? ['village-cadre', 'town-official'],
      raisedAt: new Date().toISOString(),
      ...(opts.escalateAfterMinutes ? { escalateAfterMinutes: opts.escalateAfterMinutes } : {}),
    });
  }

  /** alert.acknowledged.v1 of a raised alert, as the rules service emits it (same key). */
  alertAcknowledged(raised: AlertRaisedV1): AlertAcknowledgedV1 {
    return alertAcknowledged(
      {
        alertId: raised.data.alertId,
        ruleId: raised.data.ruleId,
        subjectId: raised.data.subjectId,
        acknowledgedBy: 'u-village-cadre',
        acknowledgedAt: new Date().toISOString(),
      },
      { subject: raised.subject, id: `alert-acknowledged-${raised.data.alertId}` },
    );
  }

  /** alert.resolved.v1 of a raised alert (same key). */
  alertResolved(raised: AlertRaisedV1): AlertResolvedV1 {
    return alertResolved(
      {
        alertId: raised.data.alertId,
        ruleId: raised.data.ruleId,
        subjectId: raised.data.subjectId,
        resolution: 'manual',
        resolvedAt: new Date().toISOString(),
      },
      { subject: raised.subject, id: `alert-resolved-${raised.data.alertId}` },
    );
  }

  /** household.pairing-changed.v1 as the households service emits it: the full current cadre list. */
  pairingChanged(
    householdId: string,
    villageCode: string,
    version: number,
    cadres: Array<{ userId: string; name: string; orgUnit: string }>,
  ): HouseholdPairingChangedV1 {
    return householdPairingChanged(
      {
        householdId,
        townCode: villageCode.slice(0, 9),
        villageCode,
        version,
        by: 'u-village-cadre',
        at: new Date().toISOString(),
        cadres,
        added: cadres.map((c) => c.userId),
        removed: [],
      },
      { id: `pairing-${householdId}-${version}` },
    );
  }

  /** Publishes events to households.events.v1 keyed by subject, as the households service would. */
  async publishHousehold(...events: Array<{ subject: string }>): Promise<void> {
    await this.kafka.send(
      `${this.prefix}${Topics.households}`,
      events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    );
  }

  /** Waits until the notifier has processed (and committed) everything published to a topic. */
  async caughtUp(topic: string, timeoutMs = 30_000): Promise<void> {
    await this.kafka.waitForNoLag(`${this.prefix}notifier`, `${this.prefix}${topic}`, timeoutMs);
  }

  /** Publishes events to rules.alerts.v1 keyed by subject, as the rules service would. */
  async publish(...events: Array<{ subject: string }>): Promise<void> {
    await this.kafka.send(
      `${this.prefix}${Topics.rulesAlerts}`,
      events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    );
  }

  /** Publishes raised alerts as the rules service would (one record each, keyed by subject). */
  async raise(villageCode: string, count: number, label: string): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, i) => `${label}-${String(i).padStart(3, '0')}`);
    const events = ids.map((alertId, i) =>
      alertRaised({
        alertId,
        ruleId: 'income-below-line',
        severity: 'medium',
        subjectId: `h-${label}-${i}`,
        townCode: villageCode.slice(0, 9),
        villageCode,
        message: `户 ${i}：走访人均纯收入低于监测范围。`,
        explanation: [],
        recipientRoles: ['village-cadre', 'town-official'],
        raisedAt: new Date().toISOString(),
      }),
    );
    await this.kafka.send(
      `${this.prefix}${Topics.rulesAlerts}`,
      events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    );
    return ids;
  }
}

/** The alert ids a robot message carries (a single alert or a digest: each line names one). */
export function alertIdsOf(r: ReceivedRequest): string[] {
  const text = (r.json as { markdown?: { text?: string; content?: string } }).markdown;
  const body = text?.text ?? text?.content ?? '';
  return [...body.matchAll(/预警编号 ([^\s·]+)/g)].map((m) => m[1]);
}

/** Messages as the robot's relay would keep them: a repeat of an Idempotency-Key is dropped. */
export function deduped(received: ReceivedRequest[]): ReceivedRequest[] {
  const seen = new Set<string>();
  return received.filter((r) => {
    const key = String(r.headers['idempotency-key']);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How often each alert id arrived. */
export function arrivals(received: ReceivedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of received) for (const id of alertIdsOf(r)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** The most messages that arrived within any window of `windowMs`. */
export function busiestWindow(received: ReceivedRequest[], windowMs: number): number {
  const at = received.map((r) => r.at).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < at.length; j++) {
    while (at[j] - at[i] >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

export async function waitForAll(sink: WebhookSink, ids: string[], timeoutMs = 60_000) {
  await waitFor(
    `${ids.length} alerts at the robot`,
    () => {
      const got = arrivals(deduped(sink.received));
      const missing = ids.filter((id) => !got.has(id));
      if (missing.length === 0) return true;
      throw new Error(`${missing.length} missing (e.g. ${missing[0]}) in ${sink.received.length} messages`);
    },
    { timeoutMs, intervalMs: 200 },
  );
}
