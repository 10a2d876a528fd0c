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

/** What a replay run while the app served answered: the command's figures, and the reads' statuses. */
export interface ReplayWhileServing<R> {
  result: R;
  stdout: string;
  /** The HTTP statuses of the reads made while the replay ran (one every 100 ms). */
  reads: number[];
}

/**
 * Runs `npm run replay -- <app> <read-model>` while `read` is asked of the app every 100 ms and
 * `during` (e.g. new events) runs; answers the figures the command printed last (its JSON line) and
 * the reads' statuses. Rejects with the command's stderr when it did not exit 0.
 */
export async function replayWhileServing<R>(
  app: string,
  readModel: string,
  env: Record<string, string>,
  read: () => Promise<number>,
  during: () => Promise<unknown> = () => Promise.resolve(),
): Promise<ReplayWhileServing<R>> {
  const reads: number[] = [];
  let replaying = true;
  const reader = (async () => {
    while (replaying) {
      reads.push(await read());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const replay = runReplay(app, readModel, env);
  const duringFailed = await during().then(
    () => null,
    (e: unknown) => e,
  );
  const { code, stdout, stderr } = await replay;
  replaying = false;
  await reader;
  if (duringFailed) throw duringFailed;
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
