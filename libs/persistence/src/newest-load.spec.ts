import { NewestLoad } from './newest-load';

/** A read whose answer the test releases when it chooses. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('NewestLoad: the read started last is the value held', () => {
  it('a read started before another and finishing after it does not put back the older value', async () => {
    let held = 'nothing';
    const loads = new NewestLoad<string>((v) => (held = v));
    const before = deferred<string>(); // e.g. the periodic reload, started while the catalogue is seeded
    const after = deferred<string>(); // the reload that follows the seed
    const first = loads.run(() => before.promise);
    const second = loads.run(() => after.promise);
    after.resolve('seeded catalogue');
    await second;
    before.resolve('empty catalogue');
    await first;
    expect(held).toBe('seeded catalogue');
  });

  it('reads finishing in order are each applied', async () => {
    const held: string[] = [];
    const loads = new NewestLoad<string>((v) => held.push(v));
    await loads.run(() => Promise.resolve('a'));
    await loads.run(() => Promise.resolve('b'));
    expect(held).toEqual(['a', 'b']);
  });

  it('after a write, a read started before it is not applied; one started after it is', async () => {
    let held = 'old line';
    const loads = new NewestLoad<string>((v) => (held = v));
    const inFlight = deferred<string>();
    const stale = loads.run(() => inFlight.promise);
    loads.invalidate(); // the line was set meanwhile
    inFlight.resolve('line before the set');
    await expect(stale).resolves.toBe('line before the set'); // its caller asked before the set
    expect(held).toBe('old line');
    await loads.run(() => Promise.resolve('line after the set'));
    expect(held).toBe('line after the set');
  });
});
