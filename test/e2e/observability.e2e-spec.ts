import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { Topics } from '@lib/contracts';
import { AppName, waitFor } from '@lib/testing';
import { aHousehold, aSurvey, GATEWAY_ADMIN, Platform } from './platform';

interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** An in-test OTLP/HTTP receiver (JSON encoding, what the apps' OTLP exporter sends): collects spans. */
class OtlpReceiver {
  readonly spans: Span[] = [];
  private server: http.Server | null = null;
  url = '';

  async start() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          this.collect(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          /* not JSON: ignored */
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private collect(body: {
    resourceSpans?: Array<{
      resource?: { attributes?: Array<{ key: string; value: { stringValue?: string } }> };
      scopeSpans?: Array<{ spans?: Array<Omit<Span, 'service'>> }>;
    }>;
  }) {
    for (const rs of body.resourceSpans ?? []) {
      const service =
        rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
      for (const ss of rs.scopeSpans ?? [])
        for (const s of ss.spans ?? [])
          this.spans.push({
            service,
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId || undefined,
            name: s.name,
          });
    }
  }

  async stop() {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

const ALL: AppName[] = [
  'households',
  'monitoring',
  'projects',
  'rules',
  'notifier',
  'supervision',
  'requests',
  'gateway',
];

/** The platform with tracing on: every app exports spans to the test's receiver. */
class TracedPlatform extends Platform {
  constructor(private readonly otlp: OtlpReceiver) {
    super();
  }
  override envOf(app: AppName): Record<string, string> {
    return {
      ...super.envOf(app),
      OTEL_EXPORTER_OTLP_ENDPOINT: this.otlp.url,
      OTEL_BSP_SCHEDULE_DELAY: '200',
      LOG_LEVEL: 'debug',
    };
  }
}

/** Prometheus text → samples by name with labels. */
function parseMetrics(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  const out: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

describe('observability: /metrics of every app and one trace from the gateway to the webhook', () => {
  const otlp = new OtlpReceiver();
  let platform: TracedPlatform;

  beforeAll(async () => {
    await otlp.start();
    platform = new TracedPlatform(otlp);
    await platform.start(ALL);
  }, 400_000);

  afterAll(async () => {
    await platform?.stop();
    await otlp.stop();
  }, 60_000);

  async function scrape(app: AppName) {
    const res = await fetch(`${platform.apps[app].url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return parseMetrics(await res.text());
  }

  const sum = (
    samples: Awaited<ReturnType<typeof scrape>>,
    name: string,
    labels: Record<string, string> = {},
  ) =>
    samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((a, s) => a + s.value, 0);

  it('follows one survey by one trace id from the gateway to the webhook, in spans and in every log it passed; the metrics move', async () => {
    const { apps, sink } = platform;
    const before = Object.fromEntries(await Promise.all(ALL.map(async (a) => [a, await scrape(a)] as const)));
    for (const app of ALL) {
      // process metrics and the outbox backlog everywhere, no token needed
      expect(sum(before[app], 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(before[app].some((s) => s.name === 'outbox_pending_documents')).toBe(true);
    }

    const login = await apps.gateway.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    expect(login.status).toBe(200);
    const token = login.body.accessToken;
    const household = await apps.gateway.post<{ id: string }>('/api/v1/households', aHousehold('2101'), {
      token,
    });
    expect(household.status).toBe(201);
    const householdId = household.body.id;
    await waitFor(
      'monitoring to know the household',
      async () => (await apps.monitoring.get(`/api/v1/monitored-households/${householdId}`)).status === 200,
    );

    // the survey comes in with the caller's trace context; everything it causes joins that trace
    const traceId = randomBytes(16).toString('hex');
    const rootSpanId = randomBytes(8).toString('hex');
    const survey = await apps.gateway.post('/api/v1/surveys', aSurvey(householdId), {
      token,
      headers: { traceparent: `00-${traceId}-${rootSpanId}-01` },
    });
    expect(survey.status).toBe(201);
    expect(survey.headers.get('x-request-id')).toBe(traceId);

    const hook = await waitFor('the webhook delivery', () =>
      sink.received.find((r) => (r.json as { subjectId?: string }).subjectId === householdId),
    );
    expect(String(hook.headers.traceparent)).toContain(traceId);

    // the spans of every hop, one tree under the caller's span
    const hops = [
      (s: Span) => s.service === 'gateway' && s.name.startsWith('POST'),
      (s: Span) => s.service === 'monitoring' && s.name === 'POST /api/v1/surveys',
      (s: Span) => s.service === 'monitoring' && s.name === `${Topics.monitoring} publish`,
      (s: Span) => s.service === 'rules' && s.name === `${Topics.monitoring} process`,
      (s: Span) => s.service === 'rules' && s.name === `${Topics.rulesAlerts} publish`,
      (s: Span) => s.service === 'notifier' && s.name === `${Topics.rulesAlerts} process`,
      (s: Span) => s.service === 'notifier' && s.name === 'deliveries process',
      (s: Span) => s.service === 'notifier' && s.name === 'webhook send',
    ];
    const spans = await waitFor('a span of every hop', () => {
      const mine = otlp.spans.filter((s) => s.traceId === traceId);
      return hops.every((h) => mine.some(h)) ? mine : undefined;
    });
    const ids = new Set([rootSpanId, ...spans.map((s) => s.spanId)]);
    for (const s of spans) expect(ids.has(s.parentSpanId ?? '')).toBe(true);
    // each hop's span descends from the previous one
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const ancestors = (s: Span) => {
      const out = new Set<string>();
      for (let p = s.parentSpanId; p && byId.has(p); p = byId.get(p)!.parentSpanId) out.add(p);
      return out;
    };
    for (let i = 1; i < hops.length; i++) {
      // (a request can publish several events, so a hop may have several spans: one of them continues)
      const descends = spans
        .filter(hops[i])
        .some((later) => spans.filter(hops[i - 1]).some((earlier) => ancestors(later).has(earlier.spanId)));
      expect({ hop: i, descends }).toEqual({ hop: i, descends: true });
    }
    console.log(
      `trace ${traceId}: ${spans.length} spans: ${spans.map((s) => `${s.service}:${s.name}`).join(' → ')}`,
    );

    // the trace id in the log lines of each app it passed
    for (const app of ['gateway', 'monitoring', 'rules', 'notifier'] as AppName[]) {
      const lines = fs
        .readFileSync(apps[app].logFile, 'utf8')
        .split('\n')
        .filter((l) => l.includes(traceId));
      expect({ app, lines: lines.length > 0 }).toEqual({ app, lines: true });
    }

    // the counters moved
    await waitFor(
      'the delivery counted',
      async () =>
        sum(await scrape('notifier'), 'notifier_deliveries_total', {
          channel: 'webhook',
          status: 'delivered',
        }) >= 1,
    );
    const after = Object.fromEntries(await Promise.all(ALL.map(async (a) => [a, await scrape(a)] as const)));
    const moved = (app: AppName, name: string, labels: Record<string, string> = {}) =>
      sum(after[app], name, labels) - sum(before[app], name, labels);
    expect(
      moved('gateway', 'http_server_requests_total', { route: '/api/v1/surveys', status_code: '201' }),
    ).toBe(1);
    expect(
      moved('monitoring', 'http_server_requests_total', { route: '/api/v1/surveys', status_code: '201' }),
    ).toBe(1);
    expect(moved('households', 'outbox_published_total')).toBeGreaterThanOrEqual(1);
    expect(moved('monitoring', 'outbox_published_total')).toBeGreaterThanOrEqual(1);
    for (const app of ['monitoring', 'rules', 'projects', 'notifier'] as AppName[])
      expect({ app, consumed: moved(app, 'kafka_consumer_events_total') > 0 }).toEqual({
        app,
        consumed: true,
      });
    expect(moved('rules', 'rules_alerts_raised_total', { rule: 'income-below-line' })).toBe(1);
    expect(
      moved('rules', 'rules_evaluations_total', { rule: 'income-below-line', result: 'holds' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sum(after.notifier, 'bullmq_jobs', { queue: 'deliveries', state: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sum(after.rules, 'kafka_consumer_batch_duration_seconds_count')).toBeGreaterThan(0);
  });

  it('shows the consumer lag rise under a burst and fall back to zero once consumed', async () => {
    const { kafka } = platform;
    const topic = platform.topic(Topics.households);
    const [registered] = (await kafka.readAll(topic)).filter(
      (m) => JSON.parse(m.value!.toString()).type === 'household.registered.v1',
    );
    const original = JSON.parse(registered.value!.toString()) as { id: string; subject: string };
    // 2,000 more registrations (copies under new ids): every consumer of the topic falls behind for a while
    // (300 were drained by rules' batched consumer before the first scrape could see them)
    const burst = Array.from({ length: 2_000 }, () => {
      const id = randomUUID();
      const value = registered.value!.toString().split(original.subject).join(id);
      const event = { ...JSON.parse(value), id: randomUUID() };
      return { key: id, value: JSON.stringify(event) };
    });
    await kafka.send(topic, burst);
    const lagOf = async (app: AppName) =>
      sum(await scrape(app), 'kafka_consumer_lag', { topic, group: platform.group(app) });
    const seen = await waitFor('lag above zero', async () => {
      const lag = await lagOf('rules');
      return lag > 0 ? lag : undefined;
    });
    console.log(`rules' lag on ${topic} right after the burst: ${seen}`);
    await waitFor('lag back to zero', async () => (await lagOf('rules')) === 0, { timeoutMs: 120_000 });
    const batches = sum(await scrape('rules'), 'kafka_consumer_batch_size_sum', { topic: Topics.households });
    expect(batches).toBeGreaterThanOrEqual(2_000);
  }, 150_000);
});
