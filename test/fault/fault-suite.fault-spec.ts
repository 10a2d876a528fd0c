import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { AppName, AppProcess, repoRoot, waitFor } from '@lib/testing';
import { Topics } from '@lib/contracts';
import { GATEWAY_ADMIN } from '../e2e/platform';
import { faultPorts } from './env';
import { FaultPlatform, PrivateInfra } from './fault-platform';
import { doneCount, judge, pastDays, PhaseLoad, prepare, resultsOf, Verdict } from './load';

/**
 * The fault suite (issue 22): two instances of every app behind balancers and the gateway, on the suite's
 * own Kafka, PostgreSQL, FerretDB and Redis (deploy/local/instance.sh, never the shared servers). For each
 * fault a steady stream of real work runs through the gateway: surveys below the line (monitoring → rules →
 * notifier → robot) and a terminal's check-ins (gateway → supervision → attendance days). The fault strikes
 * while work is in flight (some results exist, not all); afterwards every acknowledged piece of work is done
 * and nothing is done twice, counted at the sinks as received.
 */

const HOUSEHOLDS_PER_PHASE = Number(process.env.FAULT_SURVEYS_PER_PHASE ?? 30);
const DAYS_PER_PHASE = Number(process.env.FAULT_CHECKINS_PER_PHASE ?? 12);
/** How long a stopped server stays away: long enough for every app to notice and for work to pile up. */
const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 5_000);

interface Fault {
  name: string;
  /** Strikes and returns when the fault is over (the server back, or the killed instance's twin serving). */
  strike(platform: FaultPlatform, infra: PrivateInfra): Promise<{ after?: () => Promise<void> }>;
}

const run = promisify(execFile);

const outage = () => new Promise((r) => setTimeout(r, OUTAGE_MS));

const killOne = (app: AppName): Fault => ({
  name: `kill -9 ${app} (1 of 2)`,
  async strike(platform) {
    const victim = platform.instances[app][0];
    await victim.kill();
    // restarted once the fault's numbers are taken: the twin carried the load alone meanwhile
    return { after: async () => void (await victim.start()) };
  },
});

const FAULTS: Fault[] = [
  ...(['gateway', 'monitoring', 'rules', 'notifier', 'supervision', 'households'] as AppName[]).map(killOne),
  {
    name: 'Kafka broker stopped and restarted',
    async strike(_p, infra) {
      await infra.stop('kafka');
      await outage();
      await infra.start('kafka');
      return {};
    },
  },
  {
    name: 'FerretDB + PostgreSQL stopped and restarted',
    async strike(_p, infra) {
      await infra.stop('ferretdb');
      await infra.stop('postgres');
      await outage();
      await infra.start('postgres');
      await infra.start('ferretdb');
      return {};
    },
  },
  {
    name: 'Redis stopped and restarted',
    async strike(_p, infra) {
      await infra.stop('redis');
      await outage();
      await infra.start('redis');
      return {};
    },
  },
];

interface Row extends Verdict {
  fault: string;
  inFlightAtFault: number;
  /** From the fault's end to the first result after it (s). */
  recoveryS: number;
  /** From the fault's end to the last acknowledged piece of work done (s). */
  drainS: number;
}

function table(rows: Row[]): string {
  const head = ['fault', 'sent', 'acked', 'done at fault', 'lost', 'doubled', 'recovery s', 'all done s'];
  const lines = rows.map((r) => [
    r.fault,
    String(r.sent),
    String(r.acknowledged),
    `${r.inFlightAtFault}/${r.sent}`,
    String(r.lost.length),
    String(r.doubled.length),
    r.recoveryS.toFixed(1),
    r.drainS.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

describe('fault suite: two of every app, faults while work is in flight', () => {
  const infra = new PrivateInfra();
  const platform = new FaultPlatform();
  const rows: Row[] = [];
  let gw: AppProcess;
  let token = '';
  let work: Awaited<ReturnType<typeof prepare>>;

  beforeAll(async () => {
    await infra.up();
    await platform.start();
    // a client of the gateway pair's balancer (the one address users have)
    gw = new AppProcess(
      'gateway',
      Number(new URL(platform.urlOf('gateway')).port),
      {},
      `${platform.runId}-lb`,
    );
    const login = await gw.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
    token = login.body.accessToken;
    work = await prepare(
      platform,
      gw,
      token,
      FAULTS.map((f) => f.name),
      HOUSEHOLDS_PER_PHASE,
    );
    // fourteen apps and four servers on a busy machine: minutes, not seconds
  }, 1_500_000);

  afterAll(async () => {
    console.log(`fault table (${platform.runId}):\n${table(rows)}`);
    await platform.stop();
    if (!process.env.FAULT_KEEP_INFRA) await infra.down();
  }, 180_000);

  FAULTS.forEach((fault, p) => {
    it(`${fault.name}: nothing acknowledged lost, nothing done twice`, async () => {
      const member = work.members[p];
      const load = new PhaseLoad(
        fault.name,
        (body) => gw.post('/api/v1/surveys', body, { token }),
        work.households[p],
        member,
        pastDays(DAYS_PER_PHASE, 1),
      );
      load.start();

      // strike while work is in flight: some results exist, not all
      const inFlightAtFault = await waitFor(
        'the first results',
        async () => {
          const n = doneCount(load, await resultsOf(platform, load));
          return n > 0 ? n : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 250 },
      );
      const { after } = await fault.strike(platform, infra);
      const cleared = Date.now();

      await load.finished();
      let lastDone = cleared;
      let results = await resultsOf(platform, load);
      await waitFor(
        'every acknowledged piece of work',
        async () => {
          results = await resultsOf(platform, load).catch(() => results);
          const v = judge(load, results);
          if (v.lost.length > 0) return false;
          lastDone = Date.now();
          return true;
        },
        { timeoutMs: 120_000, intervalMs: 500 },
      ).catch(() => undefined);
      // nothing still on its way that could double a result: the consumers have read everything
      const group = (app: AppName) => `${platform.base.prefix}${app}`;
      const topic = (t: string) => `${platform.base.prefix}${t}`;
      await platform.kafka
        .waitForNoLag(group('rules'), topic(Topics.monitoring), 60_000)
        .catch(() => undefined);
      await platform.kafka
        .waitForNoLag(group('notifier'), topic(Topics.rulesAlerts), 60_000)
        .catch(() => undefined);
      results = await resultsOf(platform, load);
      const verdict = judge(load, results);

      const afterFault = [
        ...[...results.firstMessageAt.values()].filter((t) => t >= cleared),
        ...load.checkIns.filter((c) => c.status === 200 && c.at >= cleared).map((c) => c.at),
      ];
      const recoveryS = afterFault.length > 0 ? (Math.min(...afterFault) - cleared) / 1000 : NaN;
      rows.push({
        fault: fault.name,
        inFlightAtFault,
        recoveryS,
        drainS: (lastDone - cleared) / 1000,
        ...verdict,
      });
      await after?.();

      expect(inFlightAtFault).toBeGreaterThan(0);
      expect(inFlightAtFault).toBeLessThan(load.total);
      expect(verdict.lost).toEqual([]);
      expect(verdict.doubled).toEqual([]);
    }, 420_000);
  });

  it('a second FerretDB over the same PostgreSQL database is refused at start (two lose updates)', async () => {
    // another instance directory (its own pid files) on another MongoDB port, over the suite's PostgreSQL
    const second = `${infra.dir}-second-ferretdb`;
    const env = {
      ...process.env,
      KAFKA_PORT: String(faultPorts.kafka),
      KAFKA_CONTROLLER_PORT: String(faultPorts.kafkaController),
      PG_PORT: String(faultPorts.postgres),
      MONGO_PORT: String(faultPorts.mongo + 1),
      REDIS_PORT: String(faultPorts.redis),
    };
    const refused = await run(
      'bash',
      [path.join(repoRoot, 'deploy/local/instance.sh'), second, 'start', 'ferretdb'],
      {
        env,
        timeout: 60_000,
      },
    ).then(
      () => null,
      (e: { code?: number; stderr?: string }) => e,
    );
    // if it had started, stop it before failing
    if (!refused)
      await run('bash', [path.join(repoRoot, 'deploy/local/instance.sh'), second, 'stop', 'ferretdb'], {
        env,
      });
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('refusing to start a second FerretDB');
    fs.rmSync(second, { recursive: true, force: true });
  }, 120_000);
});
