/**
 * Households ledger import (part of `npm run bench`): the seed town's ledger — 1,144 households /
 * 3,534 members in the national export's layout, with its few bad rows — uploaded to the households app
 * (a real process on the local FerretDB and Kafka) through POST /api/v1/household-ledger/imports.
 * Reported: households/s until the HTTP answer (every good household stored with its event in the
 * outbox), the time until every household.registered.v1 is on Kafka, the time until monitoring's and
 * rules' read models have caught up (both apps run beside it: their consumer groups have committed the
 * whole registry topic, and monitoring's household directory holds every household), and the app's
 * peak RSS (VmHWM).
 * Baselines in the same run, as ratios: exceljs parsing the same file only (the floor of any .xlsx
 * import), and a raw insertMany of the very documents the import stored (the floor of the writes).
 *
 * Env knobs: BENCH_HOUSEHOLDS (1144), BENCH_MEMBERS (3534).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import '@lib/messaging/kafkajs-request-queue';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { loadSigningKey, signAccessToken } from '@lib/auth';
import { AppProcess } from '@lib/testing';
import { readLedger } from '../../apps/households/src/ledger/workbook';
import { generateLedger } from './ledger-fixture';
import { runBench } from '../shared/run-bench';

const repoRoot = path.resolve(__dirname, '../../..');
// the apps are started by libs/testing's AppProcess, from the build next to this bench
process.env.APPS_DIST_DIR ??= path.join(repoRoot, 'dist');
const devKeyFile = path.join(repoRoot, '.local/auth/dev-jwt-ed25519.json');
const envInt = (name: string, d: number) => Number(process.env[name] ?? d);
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const kib = (pid: number, field: 'VmHWM' | 'VmRSS') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function main() {
  const run = `hhbench${Date.now().toString(36)}`;
  const database = `${run}_households`;
  const ledger = await generateLedger({
    households: envInt('BENCH_HOUSEHOLDS', 1144),
    members: envInt('BENCH_MEMBERS', 3534),
  });
  console.log(
    `[households] ledger: ${ledger.households} households / ${ledger.members} members, ${(ledger.file.length / 1024).toFixed(0)} KiB`,
  );

  // baseline 1: exceljs reading the same file into rows (no validation, no writes)
  const p0 = performance.now();
  const parsed = await readLedger(ledger.file);
  const parseMs = performance.now() - p0;
  if (parsed.households.length !== ledger.households)
    throw new Error('parse baseline read the wrong row count');

  /** One app as its own process on this run's topics and its own database. */
  const started: AppProcess[] = [];
  async function startApp(app: 'households' | 'monitoring' | 'rules') {
    const appProcess = await AppProcess.create(app, run, {
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: BROKERS.join(','),
      KAFKA_TOPIC_PREFIX: `${run}.`,
      KAFKA_PARTITIONS: '1',
      MONGO_URL,
      MONGO_DB: `${run}_${app}`,
      // the key the bench signs its token with (the apps run from dist/, where the default differs)
      AUTH_DEV_KEY_FILE: devKeyFile,
    });
    started.push(appProcess);
    return appProcess.start();
  }
  const mongo = new MongoClient(MONGO_URL);
  const kafka = new Kafka({ brokers: BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  try {
    // monitoring and rules first, so they are consuming when the registry's events arrive
    await startApp('monitoring');
    await startApp('rules');
    const households = await startApp('households');
    const { privateKey } = await loadSigningKey({
      NODE_ENV: 'test',
      AUTH_DEV_KEY_FILE: devKeyFile,
      AUTH_JWT_PRIVATE_KEY: '',
    });
    const { token } = await signAccessToken(
      privateKey,
      { sub: 'service:bench', kind: 'service', name: 'bench', grants: [{ role: 'service', unit: '*' }] },
      3600,
    );
    const idleRss = kib(households.pid!, 'VmRSS');

    // ours: the import through the API
    const t0 = performance.now();
    const res = await fetch(`${households.url}/api/v1/household-ledger/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
      body: ledger.file,
    });
    const report = (await res.json()) as { households: { imported: number; rejected: number } };
    const importMs = performance.now() - t0;
    if (res.status !== 200 || report.households.imported !== ledger.expected.importedHouseholds)
      throw new Error(`import answered ${res.status}: ${JSON.stringify(report).slice(0, 500)}`);
    const peakKiB = kib(households.pid!, 'VmHWM');

    // until every household.registered.v1 is on Kafka (the outbox relay)
    await admin.connect();
    const topic = `${run}.households.events.v1`;
    for (;;) {
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
      const n = offsets.reduce((a, o) => a + Number(o.high), 0);
      if (n >= report.households.imported) break;
      if (performance.now() - t0 > 600_000) throw new Error(`only ${n} events after 10 minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const publishedMs = performance.now() - t0;

    // until monitoring's and rules' read models have caught up: their groups have committed every
    // registry event (effects durable before the commit), and monitoring's directory holds them all
    await mongo.connect();
    const high = (await admin.fetchTopicOffsets(topic)).map((o) => ({
      partition: o.partition,
      high: Number(o.high),
    }));
    const caughtUp = async (group: string) => {
      const [committed] = await admin
        .fetchOffsets({ groupId: `${run}.${group}`, topics: [topic] })
        .catch(() => []);
      return high.every(
        (h) => Number(committed?.partitions.find((p) => p.partition === h.partition)?.offset ?? -1) >= h.high,
      );
    };
    const known = () => mongo.db(`${run}_monitoring`).collection('known_households').countDocuments({});
    for (;;) {
      if (
        (await caughtUp('monitoring')) &&
        (await caughtUp('rules')) &&
        (await known()) >= report.households.imported
      )
        break;
      if (performance.now() - t0 > 600_000) throw new Error('read models not caught up after 10 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    const caughtUpMs = performance.now() - t0;

    // baseline 2: raw insertMany of the same documents the import stored
    const stored = await mongo.db(database).collection('households').find({}).toArray();
    const raw = mongo.db(database).collection(`raw_${run}`);
    const r0 = performance.now();
    for (let i = 0; i < stored.length; i += 500)
      await raw.insertMany(
        stored.slice(i, i + 500).map((d) => ({ ...d })),
        { ordered: false },
      );
    const rawMs = performance.now() - r0;

    const n = report.households.imported;
    const perSec = (ms: number, count = n) => (count / (ms / 1000)).toFixed(0);
    console.log(
      `[households] import over HTTP: ${n} households in ${(importMs / 1000).toFixed(2)} s = ${perSec(importMs)} households/s (${report.households.rejected} rejected rows reported)`,
    );
    console.log(
      `[households] all ${n} household.registered.v1 on Kafka after ${(publishedMs / 1000).toFixed(2)} s, ${((publishedMs - importMs) / 1000).toFixed(2)} s after the import answered (target ≤ 5 s)`,
    );
    console.log(
      `[households] monitoring's and rules' read models caught up (groups committed, ${n} households in monitoring's directory) ${((caughtUpMs - importMs) / 1000).toFixed(2)} s after the import answered (target ≤ 15 s)`,
    );
    console.log(
      `[households] app RSS idle ${(idleRss / 1024).toFixed(0)} MiB, peak (VmHWM) ${(peakKiB / 1024).toFixed(0)} MiB`,
    );
    console.log(
      `[households] baseline exceljs parse only: ${(parseMs / 1000).toFixed(2)} s = ${perSec(parseMs, ledger.households)} households/s`,
    );
    console.log(
      `[households] baseline raw insertMany of the stored documents: ${(rawMs / 1000).toFixed(2)} s = ${perSec(rawMs)} households/s`,
    );
    console.log(
      `[households] ratios: import time / (parse + raw insert) = ${(importMs / (parseMs + rawMs)).toFixed(2)}, import / parse = ${(importMs / parseMs).toFixed(2)}, import / raw insert = ${(importMs / rawMs).toFixed(2)}`,
    );
  } finally {
    await Promise.all(started.map((a) => a.stop().catch(() => undefined)));
    await admin.disconnect().catch(() => undefined);
    for (const a of started)
      await mongo
        .db(`${run}_${a.name}`)
        .dropDatabase()
        .catch(() => undefined);
    await mongo.close().catch(() => undefined);
  }
}

runBench(main);
