import { spawn } from 'node:child_process';
import type { Db } from 'mongodb';
import { repoRoot } from './infra';

/** `npm run replay -- <app> <read-model>` as an operator runs it, with the app's environment (issue #17). */
export function runReplay(
  app: string,
  readModel: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'replay', '--', app, readModel], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'test', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * `npm run replay -- <app> <read-model>` while the app is read every 100 ms (`read` answers the HTTP
 * status) and `during` runs (e.g. events published while the replay runs). Rejects unless the replay
 * exited 0 (with what it wrote to stderr); answers the JSON line it printed last, the whole output, and
 * the statuses read meanwhile.
 */
export async function replayWhileServing<R>(
  app: string,
  readModel: string,
  env: Record<string, string>,
  read: () => Promise<number>,
  during: () => Promise<unknown> = () => Promise.resolve(),
): Promise<{ result: R; stdout: string; reads: number[] }> {
  const reads: number[] = [];
  let replaying = true;
  const reader = (async () => {
    while (replaying) {
      reads.push(await read());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const replay = runReplay(app, readModel, env);
  await during();
  const { code, stdout, stderr } = await replay;
  replaying = false;
  await reader;
  if (code !== 0) throw new Error(`npm run replay -- ${app} ${readModel}: exit ${code}\n${stderr}`);
  return { result: JSON.parse(stdout.trim().split('\n').pop()!) as R, stdout, reads };
}

/** A read model's documents in an app's database, and its pointer (`read_models`). */
export function readModelDocuments(db: () => Db) {
  return {
    /** The documents of a collection by _id, but those of `without`. */
    docs: (collection: string, without: string[] = []) =>
      db()
        .collection<{ _id: string } & Record<string, unknown>>(collection)
        .find({ _id: { $nin: without } })
        .sort({ _id: 1 })
        .toArray(),
    /** The collection the read model's pointer names. */
    pointer: async (id: string) =>
      (await db().collection<{ _id: string; collection: string }>('read_models').findOne({ _id: id }))
        ?.collection,
  };
}
