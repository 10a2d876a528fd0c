import { MemberDayTurns } from './member-day-turns';

const tick = () => new Promise((r) => setImmediate(r));

describe('MemberDayTurns', () => {
  it('lets a batch judge a member-day only after the batch before it that holds it', async () => {
    const turns = new MemberDayTurns();
    const order: string[] = [];
    let finishFirst!: () => void;
    const first = turns.run(['m1:2026-10-01', 'm2:2026-10-01'], async () => {
      order.push('first starts');
      await new Promise<void>((r) => (finishFirst = r));
      order.push('first ends');
    });
    const second = turns.run(['m2:2026-10-01'], async () => void order.push('second'));
    const unrelated = turns.run(['m3:2026-10-01'], async () => void order.push('unrelated'));
    await tick();
    expect(order).toEqual(['first starts', 'unrelated']);
    finishFirst();
    await Promise.all([first, second, unrelated]);
    expect(order).toEqual(['first starts', 'unrelated', 'first ends', 'second']);
    expect(turns.size).toBe(0);
  });

  it('passes the turn on when a batch fails', async () => {
    const turns = new MemberDayTurns();
    const failed = turns.run(['m1:2026-10-01'], async () => {
      throw new Error('write refused');
    });
    const next = turns.run(['m1:2026-10-01'], async () => 'judged');
    await expect(failed).rejects.toThrow('write refused');
    await expect(next).resolves.toBe('judged');
    expect(turns.size).toBe(0);
  });

  it('never waits in a cycle: batches taking the same keys in another order run one after another', async () => {
    const turns = new MemberDayTurns();
    const order: number[] = [];
    await Promise.all([
      turns.run(['a', 'b'], async () => void order.push(1)),
      turns.run(['b', 'a'], async () => void order.push(2)),
      turns.run(['a'], async () => void order.push(3)),
    ]);
    expect(order).toEqual([1, 2, 3]);
  });
});
