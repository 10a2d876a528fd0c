import * as fs from 'node:fs';
import * as path from 'node:path';
import { crossAppHops, HOP_CALL, hopName } from './hops';

const root = path.resolve(__dirname, '../..');

/** Every e2e and fault spec: where cross-app tests live. */
function specFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') walk(p);
      else if (/\.(e2e|fault)-spec\.ts$/.test(e.name)) out.push(p);
    }
  };
  for (const d of ['test', 'apps']) walk(path.join(root, d));
  return out;
}

/**
 * Issue 22: every event hop across apps in the contracts is crossed by a test that runs the producer app
 * and the consumer app (`crossesHop(...)` in an e2e spec checks it at run time: the producer's event is on
 * the topic and the consumer has read it). A spec that sends hand-built events to Kafka proves no hop.
 */
describe('cross-app hops', () => {
  const hops = crossAppHops();
  const crossed = new Map<string, string[]>();
  for (const file of specFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    if (/kafka\.send\(/.test(text)) continue;
    for (const [, producer, consumer, type] of text.matchAll(HOP_CALL)) {
      const name = hopName({ producer, consumer, type });
      crossed.set(name, [...(crossed.get(name) ?? []), path.relative(root, file)]);
    }
  }

  it('finds the hops of the contracts', () => {
    // the walking skeleton's hops, at least
    expect(hops.map(hopName)).toEqual(
      expect.arrayContaining([
        'households → household.registered.v1 → monitoring',
        'monitoring → household-income.changed.v1 → rules',
        'rules → alert.raised.v1 → notifier',
      ]),
    );
    console.log(
      `${hops.length} hops across apps:\n${hops
        .map(
          (h) =>
            `  ${crossed.has(hopName(h)) ? '✓' : '✗'} ${hopName(h)}  ${crossed.get(hopName(h))?.join(', ') ?? ''}`,
        )
        .join('\n')}`,
    );
  });

  it('names only hops that exist', () => {
    const known = new Set(hops.map(hopName));
    expect([...crossed.keys()].filter((n) => !known.has(n))).toEqual([]);
  });

  it('crosses every hop in a test', () => {
    expect(hops.map(hopName).filter((n) => !crossed.has(n))).toEqual([]);
  });
});
