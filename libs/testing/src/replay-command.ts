import { spawn } from 'node:child_process';
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
