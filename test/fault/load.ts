import { AppProcess, waitFor } from '@lib/testing';
import { aHousehold, aSurvey, aWorkTeam } from '../e2e/platform';
import { FaultPlatform } from './fault-platform';

/** One request of the load: when it was sent and whether the platform acknowledged it (2xx). */
export interface Sent {
  key: string;
  at: number;
  status: number;
}

const SURVEY_EVERY_MS = 500;
const CHECKIN_EVERY_MS = 1_000;

/**
 * The work of one fault: surveys below the line on households registered beforehand (each must become one
 * alert in rules and one robot message at the sink) and check-ins of one team member, one a day (each must
 * be stored once by supervision and give that member one attendance day).
 */
export class PhaseLoad {
  readonly surveys: Sent[] = [];
  readonly checkIns: Sent[] = [];
  private stopped = false;
  private running: Promise<unknown>[] = [];

  constructor(
    readonly name: string,
    /** POSTs a survey through the gateway as the signed-in user. */
    private readonly postSurvey: (body: unknown) => Promise<{ status: number }>,
    readonly households: string[],
    readonly member: { memberId: string; pushCheckIns: (records: unknown[]) => Promise<{ status: number }> },
    readonly days: string[],
  ) {}

  /** Sends at a steady rate, each request on its own (a slow answer holds no later one back). */
  start() {
    const t0 = Date.now();
    this.households.forEach((householdId, i) => {
      this.running.push(
        this.at(t0 + i * SURVEY_EVERY_MS, async () => {
          const at = Date.now();
          const r = await this.postSurvey(aSurvey(householdId)).catch(() => ({ status: 0 }));
          this.surveys.push({ key: householdId, at, status: r.status });
        }),
      );
    });
    this.days.forEach((day, i) => {
      this.running.push(
        this.at(t0 + i * CHECKIN_EVERY_MS, async () => {
          const at = Date.now();
          const r = await this.member
            .pushCheckIns([
              {
                source: 'gps-terminal',
                sourceRecordId: `${this.member.memberId}-${day}`,
                memberId: this.member.memberId,
                checkTime: `${day}T10:00:00+08:00`,
                latitude: 34.5801,
                longitude: 105.7203,
              },
            ])
            .catch(() => ({ status: 0 }));
          this.checkIns.push({ key: day, at, status: r.status });
        }),
      );
    });
  }

  private async at(when: number, send: () => Promise<void>) {
    await new Promise((r) => setTimeout(r, Math.max(0, when - Date.now())));
    if (!this.stopped) await send();
  }

  /** Every request sent and answered. */
  async finished() {
    await Promise.all(this.running);
  }

  get total() {
    return this.households.length + this.days.length;
  }
}

export interface Results {
  /** Robot messages per household's alert, as the sink received them (no deduplication). */
  messages: Map<string, number>;
  /** Alerts per household. */
  alerts: Map<string, number>;
  /** First robot message of each household (ms). */
  firstMessageAt: Map<string, number>;
  /** Stored check-ins and attendance days per day. */
  checkIns: Map<string, number>;
  days: Map<string, number>;
}

const count = (keys: string[]) => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

/** What the platform has done for a phase's work so far, read from the sinks (rules, robot, supervision). */
export async function resultsOf(platform: FaultPlatform, load: PhaseLoad): Promise<Results> {
  const wanted = new Set(load.households);
  const rules = platform.any('rules');
  const supervision = platform.any('supervision');
  const alerts = await rules.get<{ items: Array<{ id: string; subjectId: string; ruleId: string }> }>(
    '/api/v1/alerts?ruleId=income-below-line&pageSize=500',
  );
  const mine = (alerts.body?.items ?? []).filter((a) => wanted.has(a.subjectId));
  const subjectOf = new Map(mine.map((a) => [a.id, a.subjectId]));
  const messages = platform.sink.received
    .map((r) => ({
      at: r.at,
      subject: subjectOf.get((r.json as { alertId?: string } | null)?.alertId ?? ''),
    }))
    .filter((r): r is { at: number; subject: string } => r.subject !== undefined);
  const firstMessageAt = new Map<string, number>();
  for (const m of messages) if (!firstMessageAt.has(m.subject)) firstMessageAt.set(m.subject, m.at);

  const memberId = load.member.memberId;
  const stored = await supervision.get<{ items: Array<{ checkTime: string }> }>(
    `/api/v1/checkins?memberId=${memberId}&pageSize=500`,
  );
  const dayOf = (t: string) => new Date(Date.parse(t) + 8 * 3_600_000).toISOString().slice(0, 10);
  const days: string[] = [];
  for (const month of new Set(load.days.map((d) => d.slice(0, 7)))) {
    const r = await supervision.get<{ items: Array<{ day: string }> }>(
      `/api/v1/attendance?memberId=${memberId}&month=${month}`,
    );
    days.push(...(r.body?.items ?? []).map((d) => d.day));
  }
  return {
    messages: count(messages.map((m) => m.subject)),
    alerts: count(mine.map((a) => a.subjectId)),
    firstMessageAt,
    checkIns: count((stored.body?.items ?? []).map((c) => dayOf(c.checkTime))),
    days: count(days),
  };
}

/** How many of the phase's pieces of work are complete (message sent; check-in stored and its day written). */
export function doneCount(load: PhaseLoad, r: Results): number {
  return (
    load.households.filter((h) => (r.messages.get(h) ?? 0) > 0).length +
    load.days.filter((d) => (r.checkIns.get(d) ?? 0) > 0 && (r.days.get(d) ?? 0) > 0).length
  );
}

export interface Verdict {
  sent: number;
  acknowledged: number;
  lost: string[];
  doubled: string[];
  /** Refused or unanswered requests that were done anyway (allowed: the client could not know). */
  doneUnacknowledged: number;
}

/** Every acknowledged piece of work done exactly once; nothing done twice at all. */
export function judge(load: PhaseLoad, r: Results): Verdict {
  const lost: string[] = [];
  const doubled: string[] = [];
  let doneUnacknowledged = 0;
  for (const s of load.surveys) {
    const alerts = r.alerts.get(s.key) ?? 0;
    const messages = r.messages.get(s.key) ?? 0;
    if (alerts > 1) doubled.push(`${s.key}: ${alerts} alerts`);
    if (messages > 1) doubled.push(`${s.key}: ${messages} robot messages`);
    if (s.status === 201 && (alerts === 0 || messages === 0))
      lost.push(`survey of ${s.key} (${alerts} alerts, ${messages} messages)`);
    if (s.status !== 201 && messages > 0) doneUnacknowledged += 1;
  }
  for (const c of load.checkIns) {
    const stored = r.checkIns.get(c.key) ?? 0;
    const days = r.days.get(c.key) ?? 0;
    if (stored > 1) doubled.push(`check-in of ${c.key}: stored ${stored} times`);
    if (days > 1) doubled.push(`attendance day ${c.key}: ${days} times`);
    if (c.status === 200 && (stored === 0 || days === 0))
      lost.push(`check-in of ${c.key} (${stored} stored, ${days} days)`);
    if (c.status !== 200 && stored > 0) doneUnacknowledged += 1;
  }
  const acknowledged =
    load.surveys.filter((s) => s.status === 201).length +
    load.checkIns.filter((c) => c.status === 200).length;
  return { sent: load.total, acknowledged, lost, doubled, doneUnacknowledged };
}

/**
 * The households of every phase, registered through the gateway before any fault, and known to monitoring
 * (a survey needs that); and a team member per phase with a signed terminal that pushes its check-ins.
 */
export async function prepare(
  platform: FaultPlatform,
  gw: AppProcess,
  token: string,
  phases: string[],
  perPhase: number,
) {
  const auth = { token };
  const ids: string[][] = [];
  for (const [p] of phases.entries()) {
    const numbers = Array.from({ length: perPhase }, (_, i) => `F${p}-${String(i).padStart(3, '0')}`);
    const created: string[] = [];
    for (let i = 0; i < numbers.length; i += 8) {
      const batch = await Promise.all(
        numbers
          .slice(i, i + 8)
          .map((n) => gw.post<{ id: string }>('/api/v1/households', aHousehold(n), auth)),
      );
      for (const r of batch) {
        if (r.status !== 201) throw new Error(`household: ${r.status} ${JSON.stringify(r.body)}`);
        created.push(r.body.id);
      }
    }
    ids.push(created);
  }
  const monitoring = platform.any('monitoring');
  const unknown = new Set(ids.flat());
  await waitFor(
    'monitoring to know every household',
    async () => {
      const ask = [...unknown].slice(0, 40);
      const known = await Promise.all(
        ask.map(async (id) => (await monitoring.get(`/api/v1/monitored-households/${id}`)).status === 200),
      );
      ask.forEach((id, i) => known[i] && unknown.delete(id));
      return unknown.size === 0;
    },
    { timeoutMs: 180_000, intervalMs: 200 },
  );
  const members = [];
  for (const [p] of phases.entries())
    members.push(await aWorkTeam(gw, token, { name: `队员${p}`, role: 'member', postedFrom: '2026-01-01' }));
  return { households: ids, members };
}

/** `n` distinct past days, in China Standard Time, ending yesterday. */
export function pastDays(n: number, offset: number): string[] {
  const today = Date.now() + 8 * 3_600_000;
  return Array.from({ length: n }, (_, i) =>
    new Date(today - (offset + i + 1) * 86_400_000).toISOString().slice(0, 10),
  );
}
