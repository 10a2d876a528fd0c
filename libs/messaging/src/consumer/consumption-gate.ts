/**
 * A process-wide gate in front of the consumer's batches (issue #17, replay): a read model being
 * rebuilt is switched over while nothing is in flight. `close()` stops new batches at the gate and
 * resolves once every batch in flight has finished and committed its offsets; `open()` lets them
 * through again. Batches waiting at a closed gate keep the group membership alive (heartbeats).
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let closed = false;
let inFlight = 0;
const drained: Array<() => void> = [];

/** For the consumer: waits while the gate is closed, then counts the batch in. */
export async function enterConsumptionGate(heartbeat: () => Promise<void>): Promise<void> {
  while (closed) {
    await sleep(50);
    await heartbeat().catch(() => undefined);
  }
  inFlight++;
}

/** For the consumer: the batch is done (committed, or given up). */
export function leaveConsumptionGate(): void {
  inFlight = Math.max(0, inFlight - 1);
  if (inFlight === 0) for (const done of drained.splice(0)) done();
}

/** Stops new batches; resolves when none is in flight (every finished one has committed). */
export function closeConsumptionGate(): Promise<void> {
  closed = true;
  if (inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => drained.push(resolve));
}

export function openConsumptionGate(): void {
  closed = false;
}

export function consumptionGateClosed(): boolean {
  return closed;
}
