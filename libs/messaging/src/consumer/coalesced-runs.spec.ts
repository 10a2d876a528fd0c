import { CoalescedRuns } from './coalesced-runs';

/** A run that takes until released, recording what it was given. */
function gatedRun(fail: (items: number[]) => boolean = () => false) {
  const runs: number[][] = [];
  const gates: Array<() => void> = [];
  const run = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      runs.push(items);
      gates.push(() => (fail(items) ? reject(new Error(`bad ${items.join(',')}`)) : resolve()));
    });
  const releaseNext = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { runs, run, releaseNext };
}

describe('coalesced runs (group commit of the batches partitions hand over side by side)', () => {
  it('runs a lone submission at once, and joins the ones that arrive meanwhile into one run', async () => {
    const g = gatedRun();
    const c = new CoalescedRuns<number>(g.run);
    const first = c.submit([1, 2]);
    const second = c.submit([3]);
    const third = c.submit([4, 5]);
    await g.releaseNext();
    await first;
    await g.releaseNext();
    await Promise.all([second, third]);
    expect(g.runs).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('answers no submitter before the run holding its items is done', async () => {
    const g = gatedRun();
    const c = new CoalescedRuns<number>(g.run);
    let answered = false;
    void c.submit([1]);
    const later = c.submit([2]).then(() => (answered = true));
    await g.releaseNext(); // the first run
    expect(answered).toBe(false);
    await g.releaseNext(); // the run holding 2
    await later;
    expect(answered).toBe(true);
  });

  it('keeps joint runs under the item cap without splitting a submission', async () => {
    const g = gatedRun();
    const c = new CoalescedRuns<number>(g.run, 3);
    const all = [c.submit([0]), c.submit([1, 2]), c.submit([3]), c.submit([4, 5, 6])];
    for (let i = 0; i < 3; i++) await g.releaseNext();
    await Promise.all(all);
    expect(g.runs).toEqual([[0], [1, 2, 3], [4, 5, 6]]);
  });

  it('a failed joint run is run again per submitter: only the bad batch fails', async () => {
    const g = gatedRun((items) => items.includes(13));
    const c = new CoalescedRuns<number>(g.run);
    const first = c.submit([1]);
    const good = c.submit([2]);
    const bad = c.submit([13]).then(
      () => null,
      (e: Error) => e.message,
    );
    const goodAfter = c.submit([3]);
    for (let i = 0; i < 5; i++) await g.releaseNext();
    await first;
    await expect(good).resolves.toBeUndefined();
    await expect(goodAfter).resolves.toBeUndefined();
    expect(await bad).toBe('bad 13');
    expect(g.runs).toEqual([[1], [2, 13, 3], [2], [13], [3]]);
  });
});
