import { backoffMs, groupByKey, runWithConcurrency, splitIntoRuns } from './batch-plan';

const rec = (key: string, handlerId: string | null, item: number) => ({ key, handlerId, item });

describe('planning a partition batch', () => {
  it('splits consecutive records of the same handler into runs, keeping offset order', () => {
    const runs = splitIntoRuns([
      rec('a', 'x', 1),
      rec('b', 'x', 2),
      rec('a', 'y', 3),
      rec('a', 'x', 4),
      rec('c', null, 5),
    ]);
    expect(runs.map((r) => [r.handlerId, r.items.map((i) => i.item)])).toEqual([
      ['x', [1, 2]],
      ['y', [3]],
      ['x', [4]],
      [null, [5]],
    ]);
  });

  it('groups by key and keeps each key in order', () => {
    const groups = groupByKey([rec('a', 'x', 1), rec('b', 'x', 2), rec('a', 'x', 3), rec('b', 'x', 4)]);
    expect(groups.map((g) => g.map((r) => r.item))).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('runs at most N tasks at once and reports the first failure after all settle', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const task = async (n: number) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      if (n === 3) throw new Error('three');
      done.push(n);
    };
    await expect(runWithConcurrency([1, 2, 3, 4, 5, 6], 2, task)).rejects.toThrow('three');
    expect(peak).toBe(2);
    expect(done.sort()).toEqual([1, 2, 4, 5, 6]);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 100, 5000, () => 0)).toBe(50);
    expect(backoffMs(1, 100, 5000, () => 1)).toBe(100);
    expect(backoffMs(4, 100, 5000, () => 1)).toBe(800);
    expect(backoffMs(20, 100, 5000, () => 1)).toBe(5000);
  });
});
