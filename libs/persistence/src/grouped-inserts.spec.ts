import { GroupedInserts } from './grouped-inserts';

/** An insert the test releases, recording what each statement carried. */
function fakeCollection(existing: string[] = []) {
  const statements: string[][] = [];
  const held: Array<() => void> = [];
  const stored = new Set(existing);
  const write = async (docs: string[]) => {
    statements.push(docs);
    await new Promise<void>((r) => held.push(r));
    const duplicates: number[] = [];
    docs.forEach((d, i) => (stored.has(d) ? duplicates.push(i) : stored.add(d)));
    return { inserted: docs.length - duplicates.length, duplicates };
  };
  const release = async () => {
    while (held.length) held.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { statements, write, release };
}

describe('GroupedInserts: callers inserting while an insert is in flight share the next statement', () => {
  it('writes the first caller at once and the ones that came meanwhile together, each told its own duplicates', async () => {
    const c = fakeCollection(['b2']);
    const inserts = new GroupedInserts<string, never>((docs) => c.write(docs));
    const first = inserts.insert(['a1'], [[]]);
    const second = inserts.insert(['b1', 'b2'], [[], []]);
    const third = inserts.insert(['c1', 'a1', 'c2'], [[], [], []]);
    expect(c.statements).toEqual([['a1']]); // the first did not wait for anyone
    await c.release();
    expect(c.statements).toEqual([['a1'], ['b1', 'b2', 'c1', 'a1', 'c2']]);
    await c.release();
    await expect(first).resolves.toEqual({ inserted: 1, duplicates: [] });
    await expect(second).resolves.toEqual({ inserted: 1, duplicates: [1] }); // b2 existed
    await expect(third).resolves.toEqual({ inserted: 2, duplicates: [1] }); // a1 written by the first
  });

  it('a failure fails every caller of that statement, and the next statement goes on', async () => {
    let fail = true;
    const inserts = new GroupedInserts<string, never>(async (docs) => {
      if (fail) throw new Error('database unreachable');
      return { inserted: docs.length, duplicates: [] };
    });
    const a = inserts.insert(['a'], [[]]);
    await expect(a).rejects.toThrow('database unreachable');
    fail = false;
    await expect(inserts.insert(['b'], [[]])).resolves.toEqual({ inserted: 1, duplicates: [] });
  });

  it('two in flight at most when asked for: the third caller waits for one of them', async () => {
    const c = fakeCollection();
    const inserts = new GroupedInserts<string, never>((docs) => c.write(docs), 2);
    const all = [inserts.insert(['x'], [[]]), inserts.insert(['y'], [[]]), inserts.insert(['z'], [[]])];
    expect(c.statements).toEqual([['x'], ['y']]);
    await c.release();
    expect(c.statements).toEqual([['x'], ['y'], ['z']]);
    await c.release();
    await Promise.all(all);
  });
});
