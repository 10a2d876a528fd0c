import * as fs from 'node:fs';
import * as path from 'node:path';
import * as contracts from '@lib/contracts';
import { EventCatalog, Topics } from '@lib/contracts';

/** One event hop across apps: the producer app publishes `type` on `topic`, the consumer app reads it. */
export interface Hop {
  producer: string;
  consumer: string;
  type: string;
  topic: string;
}

export const hopName = (h: Pick<Hop, 'producer' | 'consumer' | 'type'>) =>
  `${h.producer} → ${h.type} → ${h.consumer}`;

const root = path.resolve(__dirname, '../..');

/** The app that publishes on each topic (the topic's owner; departments' and terminals' topics are read by their owner). */
const PRODUCER_OF_TOPIC: Record<string, string> = {
  [Topics.households]: 'households',
  [Topics.monitoring]: 'monitoring',
  [Topics.projects]: 'projects',
  [Topics.rulesAlerts]: 'rules',
  [Topics.notifier]: 'notifier',
  [Topics.supervision]: 'supervision',
  [Topics.supervisionCheckins]: 'supervision',
  [Topics.departmentFacts]: 'monitoring',
  [Topics.sessions]: 'gateway',
  [Topics.requests]: 'requests',
};

const APPS = ['households', 'monitoring', 'projects', 'rules', 'notifier', 'supervision', 'gateway', 'requests'];

function sourcesOf(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name))
        out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out.join('\n');
}

/** The topics an app's consumer subscribes to, as its main.ts lists them (inline or in a named constant). */
function subscribedTopics(app: string, src: string): string[] {
  const main = fs.readFileSync(path.join(root, 'apps', app, 'src', 'main.ts'), 'utf8');
  const inline = /topics:\s*\[([^\]]*)\]/.exec(main)?.[1];
  const named = /topics:\s*(\w+)/.exec(main)?.[1];
  const text = inline ?? (named ? (new RegExp(`${named}\\s*=\\s*\\[([^\\]]*)\\]`).exec(src)?.[1] ?? '') : '');
  // a spread of a named list (`...RULES_TOPICS`) stands for that list's topics
  const spread = [...text.matchAll(/\.\.\.(\w+)/g)]
    .map((m) => new RegExp(`${m[1]}\\s*=\\s*\\[([^\\]]*)\\]`).exec(src)?.[1] ?? '')
    .join(',');
  return [...`${text},${spread}`.matchAll(/Topics\.(\w+)/g)]
    .map((m) => (Topics as Record<string, string>)[m[1]])
    .filter((t): t is string => t !== undefined);
}

/**
 * Every hop across apps, from the contracts (libs/contracts: each event type's topic, the topic's
 * producer) and the consumers (each app's subscribed topics and the event definitions its code handles).
 */
export function crossAppHops(): Hop[] {
  const hops: Hop[] = [];
  const defs = Object.entries(contracts as Record<string, unknown>).filter(
    ([name, v]) => /V\d+$/.test(name) && typeof v === 'object' && v !== null && 'topic' in v,
  ) as Array<[string, { type: string; topic: string }]>;
  for (const app of APPS) {
    const src = sourcesOf(path.join(root, 'apps', app, 'src'));
    const topics = subscribedTopics(app, src);
    for (const [name, def] of defs) {
      const producer = PRODUCER_OF_TOPIC[def.topic];
      if (!topics.includes(def.topic) || producer === app || !EventCatalog[def.type]) continue;
      if (!new RegExp(`\\b${name}\\b`).test(src)) continue;
      hops.push({ producer, consumer: app, type: def.type, topic: def.topic });
    }
  }
  return hops.sort((a, b) => hopName(a).localeCompare(hopName(b)));
}

/** Where a test says it crosses a hop: `crossesHop('households', 'rules', 'household.registered.v1')`. */
export const HOP_CALL = /crossesHop\(\s*'(\w+)',\s*'(\w+)',\s*'([\w.-]+)'/g;
