import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Message, Partitioners } from 'kafkajs';
import { assertValidEvent, createEvent, HouseholdIncomeChangedV1 } from '@lib/contracts';
import { DEFAULT_CATALOGUE } from '../../apps/rules/src/engine/default-catalogue';
import { RuleBook } from '../../apps/rules/src/engine/rule-book';

/** The build output this file was compiled into (dist/, or a private outDir), with the apps next to it. */
export const distRoot = path.resolve(__dirname, '../..');
/** The repository root: the first directory above the build output with a package.json. */
export const repoRoot = (() => {
  for (let dir = distRoot; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '../../..');
  }
})();

export const PARTITIONS = 6;
/** The national monitoring line that applies to the generated villages (province 62 has no own figure). */
export const LINE_YUAN = 6000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export { sleep };

export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${v}"`);
  return n;
}

/** Deterministic PRNG so two runs offer the same mix of households and incomes. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface IncomeRecord {
  event: HouseholdIncomeChangedV1;
  key: string;
  value: string;
  partition: number;
  below: boolean;
}

/** The rule book rules starts with: the default catalogue as version 1 of the platform scope (as seeded). */
export function defaultRuleBook(): RuleBook {
  return new RuleBook(
    Object.entries(DEFAULT_CATALOGUE).map(([ruleId, rule]) => ({
      ruleId,
      version: 1,
      scope: { countyCode: '*', townCode: null },
      enabled: true,
      effectiveFrom: '2021-01-01',
      rule,
      createdBy: 'system:default-catalogue',
      createdAt: new Date(0),
    })),
  );
}

const partitioner = Partitioners.DefaultPartitioner();
const partitionMetadata = Array.from({ length: PARTITIONS }, (_, i) => ({
  partitionId: i,
  leader: 1,
  partitionErrorCode: 0,
  replicas: [1],
  isr: [1],
}));

/** The partition kafkajs' default (Java-compatible murmur2) partitioner picks for a key. */
export function partitionOfKey(key: string): number {
  return partitioner({ topic: 'any', partitionMetadata, message: { key, value: null } });
}

/**
 * household-income.changed.v1 CloudEvents as monitoring publishes them after a survey: key = subject =
 * householdId, households spread over `households` ids and 20 villages of one town; ~half below the
 * 6,000 line. Every event is checked against the contract (envelope + data schema) before use.
 */
export function makeIncomeChanges(count: number, households: number, random: () => number): IncomeRecord[] {
  const out: IncomeRecord[] = [];
  for (let i = 0; i < count; i++) {
    const h = Math.floor(random() * households);
    const householdId = `hh-${String(h).padStart(5, '0')}`;
    const villageCode = `6212991012${String((h % 20) + 1).padStart(2, '0')}`;
    const townCode = villageCode.slice(0, 9);
    const residentMembers = 2 + Math.floor(random() * 3);
    // per-capita between 3,000 and 9,000 yuan: about half below the line
    const perCapitaTarget = 3000 + Math.floor(random() * 6000);
    const netIncome = perCapitaTarget * residentMembers;
    const wage = Math.round(netIncome * 0.6);
    const transfer = Math.round(netIncome * 0.3);
    const businessCosts = 500;
    const business = netIncome - wage - transfer + businessCosts;
    const perCapitaNetIncome = netIncome / residentMembers;
    const surveyId = `sv-${i}-${Math.floor(random() * 1e9).toString(36)}`;
    const event = createEvent({
      type: HouseholdIncomeChangedV1.type,
      source: 'monitoring',
      subject: householdId,
      townId: townCode,
      villageId: villageCode,
      data: {
        householdId,
        townCode,
        villageCode,
        month: '2026-10',
        asOf: new Date().toISOString(),
        income: { wage, business, property: 0, transfer, businessCosts },
        netIncome,
        residentMembers,
        perCapitaNetIncome,
        // no earlier month in the bench: the change rules see "unknown" and only the line rule decides
        previousPerCapitaNetIncome: null,
        monthOverMonthChange: null,
        yearOverYearChange: null,
        cause: { kind: 'survey', id: surveyId },
        lastSurveyId: surveyId,
      },
    }) as HouseholdIncomeChangedV1;
    assertValidEvent(event);
    out.push({
      event,
      key: householdId,
      value: JSON.stringify(event),
      partition: partitionOfKey(householdId),
      below: perCapitaNetIncome < LINE_YUAN,
    });
  }
  return out;
}

export function toKafkaMessage(r: IncomeRecord): Message {
  return {
    key: r.key,
    value: r.value,
    partition: r.partition,
    headers: { 'ce-type': r.event.type, 'ce-id': r.event.id },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A child process with its output in a log file. (libs/testing's AppProcess cannot be used from
 * dist/: its repoRoot is computed from __dirname and lands in dist/ once compiled.)
 */
export class Child {
  private child: ChildProcess | null = null;
  private exitCode: number | string | null = null;

  constructor(
    readonly name: string,
    readonly args: string[],
    readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  start(): this {
    fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
    const log = fs.openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, this.args, {
      cwd: repoRoot,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', log, log, 'ipc'],
    });
    fs.closeSync(log);
    this.child.once('exit', (code, signal) => (this.exitCode = code ?? signal ?? 'exited'));
    return this;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Throws (with the log tail) if the process died. */
  assertAlive(): void {
    if (this.exitCode !== null) throw new Error(`${this.name} exited (${this.exitCode})\n${this.tail()}`);
  }

  /** A message to the child over IPC (the profile hook listens). */
  send(msg: string): void {
    if (this.child && this.exitCode === null && this.child.connected) this.child.send(msg);
  }

  tail(lines = 25): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** SIGTERM (graceful drain), SIGKILL after the timeout. */
  async stop(timeoutMs = 20_000): Promise<void> {
    const child = this.child;
    if (!child || this.exitCode !== null) return;
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await done;
    clearTimeout(timer);
    this.child = null;
  }
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}
