import * as net from 'node:net';
import { infra } from './infra';
import { deleteStaleTestTopics } from './stale-test-topics';

function reachable(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort
    .replace(/^\w+:\/\//, '')
    .split('/')[0]
    .split(':');
  return new Promise((resolve) => {
    const s = net.connect({ host, port: Number(port) }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.setTimeout(2_000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** Integration and e2e tests need the real servers: fail early and say how to start them. */
export default async function globalSetup() {
  const checks = [
    ['Kafka', infra.kafkaBrokers[0]],
    ['FerretDB/MongoDB', infra.mongoUrl],
    ['Redis', infra.redisUrl],
  ] as const;
  const down = [];
  for (const [name, addr] of checks) if (!(await reachable(addr))) down.push(`${name} (${addr})`);
  if (down.length > 0)
    throw new Error(
      `not reachable: ${down.join(', ')}. Start them with: bash deploy/local/infra.sh up (npm test does this)`,
    );
  // housekeeping, never a reason to fail the run (a topic another run deletes meanwhile, a slow broker)
  const deleted = await deleteStaleTestTopics().catch((e: Error) => {
    console.warn(`[test] stale test topics not deleted: ${e.message}`);
    return 0;
  });
  if (deleted > 0) console.warn(`[test] deleted ${deleted} topics left by test runs older than 6 h`);
}
