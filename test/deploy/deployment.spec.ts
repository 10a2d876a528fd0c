import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { parse, parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { loadSigningKey, loadVerificationKey } from '@lib/auth';
import { HealthController, loadConfig, ServiceKitModule } from '@lib/service-kit';
import { AppModule as GatewayModule } from '../../apps/gateway/src/app.module';
import { gatewayConfigSchema } from '../../apps/gateway/src/config';
import { AppModule as HouseholdsModule } from '../../apps/households/src/app.module';
import { householdsConfigSchema } from '../../apps/households/src/config';
import { AppModule as MonitoringModule } from '../../apps/monitoring/src/app.module';
import { monitoringConfigSchema } from '../../apps/monitoring/src/config';
import { AppModule as NotifierModule } from '../../apps/notifier/src/app.module';
import { notifierConfigSchema } from '../../apps/notifier/src/config';
import { AppModule as ProjectsModule } from '../../apps/projects/src/app.module';
import { projectsConfigSchema } from '../../apps/projects/src/config';
import { AppModule as RequestsModule } from '../../apps/requests/src/app.module';
import { requestsConfigSchema } from '../../apps/requests/src/config';
import { AppModule as RulesModule } from '../../apps/rules/src/app.module';
import { rulesConfigSchema } from '../../apps/rules/src/config';
import { AppModule as SupervisionModule } from '../../apps/supervision/src/app.module';
import { supervisionConfigSchema } from '../../apps/supervision/src/config';

/**
 * docker-compose.yml and deploy/k8s start as written: for each app, the environment its container gets
 * (with the keys scripts/make-keys.mjs makes) passes the app's own config schema in production (the
 * schemas are imported, so a new required setting fails here until the deployment provides it); images,
 * commands, ports and probes agree with the app; no demo seeding; only the gateway is reachable.
 */
const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const version = (JSON.parse(read('package.json')) as { version: string }).version;

type Env = Record<string, string>;
interface App {
  name: string;
  schema: z.ZodTypeAny;
  module: { register(config: never): DynamicModule };
}
const APPS: App[] = [
  { name: 'gateway', schema: gatewayConfigSchema, module: GatewayModule },
  { name: 'households', schema: householdsConfigSchema, module: HouseholdsModule },
  { name: 'monitoring', schema: monitoringConfigSchema, module: MonitoringModule },
  { name: 'projects', schema: projectsConfigSchema, module: ProjectsModule },
  { name: 'supervision', schema: supervisionConfigSchema, module: SupervisionModule },
  { name: 'rules', schema: rulesConfigSchema, module: RulesModule },
  { name: 'notifier', schema: notifierConfigSchema, module: NotifierModule },
  { name: 'requests', schema: requestsConfigSchema, module: RequestsModule },
];
const appNames = APPS.map((a) => a.name);

/** The app's own port: its schema's default PORT (what the native way and the tests use). */
const defaultPort = (app: App) => (app.schema.parse({}) as { PORT: number }).PORT;

/** Fails with the app and every problem, as the app itself would at start. */
async function startsWith(app: App, env: Env) {
  const config = loadConfig(app.schema, env) as { NODE_ENV: string } & Record<string, unknown>;
  // the token keys are checked when the app loads them (PEM parsing)
  await loadVerificationKey(config as never);
  if (app.name === 'gateway') await loadSigningKey(config as never);
  return config;
}

/** Settings without which the app refuses to start in production: each removed from a good environment in turn. */
function requiredIn(app: App, env: Env): string[] {
  return Object.keys(env).filter((key) => {
    const without = { ...env };
    delete without[key];
    try {
      loadConfig(app.schema, without);
      return false;
    } catch {
      return true;
    }
  });
}

/** The paths the app serves its health checks on (HealthController, mounted by ServiceKitModule in every app). */
function healthPaths(app: App, config: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (m: unknown) => {
    const dyn = m as DynamicModule;
    if (!dyn || typeof dyn !== 'object' || !('module' in dyn)) return;
    if (dyn.module === ServiceKitModule && dyn.controllers?.includes(HealthController)) {
      const base = Reflect.getMetadata(PATH_METADATA, HealthController) as string;
      for (const method of Object.getOwnPropertyNames(HealthController.prototype)) {
        const handler = (HealthController.prototype as unknown as Record<string, unknown>)[method];
        const paths = Reflect.getMetadata(PATH_METADATA, handler as object) as string | string[] | undefined;
        if (paths === undefined || method === 'constructor') continue;
        for (const p of [paths].flat()) found.add(`/${[base, p].filter(Boolean).join('/')}`);
      }
    }
    for (const i of dyn.imports ?? []) visit(i);
  };
  visit(app.module.register(config as never));
  return found;
}

/** The keys an installation gets: the real script, as the README runs it. */
const makeKeys = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, 'scripts/make-keys.mjs'), ...args], { encoding: 'utf8' });

/** KEY=value lines as docker compose reads an .env file (quotes removed, nothing expanded inside '…'). */
function dotenv(text: string): Env {
  const env: Env = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    const v = m[2].trim();
    env[m[1]] = /^'.*'$|^".*"$/.test(v) ? v.slice(1, -1) : v;
  }
  return env;
}

/** docker compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$. */
function interpolate(value: string, vars: Env, where: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (whole, name: string | undefined, colon: string, op: string, arg: string) => {
      if (whole === '$$') return '$';
      const v = vars[name!];
      const unset = v === undefined || (colon === ':' && v === '');
      if (op === '?' && unset)
        throw new Error(`docker compose refuses ${where}: ${name} is not set (${arg})`);
      if (op === '-' && unset) return arg;
      return v ?? '';
    },
  );
}

// ---- docker compose ------------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  networks?: string[];
  healthcheck?: { test: string[] };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, { internal?: boolean } | null>;
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as ComposeFile;
const composeDebug = parse(read('docker-compose.debug.yml'), { merge: true }) as ComposeFile;

function composeEnv(service: string, vars: Env): Env {
  const env: Env = {};
  for (const [k, v] of Object.entries(compose.services[service].environment ?? {}))
    env[k] = interpolate(v === null ? '' : String(v), vars, `${service}.${k}`);
  return env;
}

describe('docker-compose.yml', () => {
  const keys = dotenv(makeKeys('--print'));

  it('every app starts in production with the .env scripts/make-keys.mjs writes (its schema’s required settings provided)', async () => {
    for (const app of APPS) {
      const env = composeEnv(app.name, keys);
      expect(env.NODE_ENV).toBe('production');
      const config = await startsWith(app, env).catch((e: Error) => {
        throw new Error(`${app.name} would exit in docker compose:\n${e.message}`);
      });
      expect(config.NODE_ENV).toBe('production');
      // what the schema requires is what the deployment must provide: at least the token key everywhere
      const required = requiredIn(app, env);
      expect(required).toContain('AUTH_JWT_PUBLIC_KEY');
      if (app.name === 'monitoring' || app.name === 'households') expect(required).toContain('PII_HASH_KEY');
    }
  });

  it('.env.example is a complete .env: every app starts with it, and it turns no demo seeding on', async () => {
    const example = dotenv(read('.env.example'));
    for (const app of APPS) await startsWith(app, composeEnv(app.name, example));
    expect(Object.keys(example).filter((k) => k.startsWith('SEED_DEMO'))).toEqual([]);
    // the script writes the same settings as the example holds
    expect(Object.keys(dotenv(makeKeys('--example'))).sort()).toEqual(Object.keys(example).sort());
  });

  it('without .env, docker compose stops with the hint to make the keys (no app starts half-configured)', () => {
    expect(() => composeEnv('monitoring', {})).toThrow(/make-keys/);
  });

  it('no demo town in production: households has no demo data to seed, and compose sets no SEED_DEMO_ variable', () => {
    // the demo scripts register the demo town through the API (scripts/demo/seed-org-units.ts)
    const config = loadConfig(householdsConfigSchema, composeEnv('households', keys));
    expect(Object.keys(config).filter((k) => k.startsWith('SEED_DEMO'))).toEqual([]);
    for (const app of APPS)
      expect(Object.keys(composeEnv(app.name, keys)).filter((k) => k.startsWith('SEED_DEMO'))).toEqual([]);
  });

  it('one image for every app, built from the Dockerfile, with a command that runs that app’s build output', () => {
    const images = new Set<string>();
    for (const app of APPS) {
      const s = compose.services[app.name];
      expect(s.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
      images.add(s.image!);
      expect(s.command).toEqual(['node', `dist/apps/${app.name}/src/main.js`]);
      expect(existsSync(join(root, `apps/${app.name}/src/main.ts`))).toBe(true);
    }
    expect([...images]).toEqual([`fangfanpin:${version}`]);
  });

  it('ports come from the apps’ config, the gateway reaches each app at its service name and port, health checks use the app’s path', async () => {
    for (const app of APPS) {
      const env = composeEnv(app.name, keys);
      expect(Number(env.PORT)).toBe(defaultPort(app));
      const probe = compose.services[app.name].healthcheck!.test.join(' ');
      const path = /process\.env\.PORT \+ '([^']+)'/.exec(probe)?.[1];
      expect(healthPaths(app, await startsWith(app, env))).toContain(path);
    }
    const gw = composeEnv('gateway', keys);
    for (const app of APPS.filter((a) => a.name !== 'gateway'))
      expect(gw[`${app.name.toUpperCase()}_URL`]).toBe(`http://${app.name}:${defaultPort(app)}`);
  });

  it('only the gateway is published; the apps and the infrastructure are on an internal network', () => {
    const published = Object.entries(compose.services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name);
    expect(published).toEqual(['gateway']);
    expect(compose.services.gateway.ports).toEqual(['${GATEWAY_BIND:-0.0.0.0}:${GATEWAY_PORT:-8080}:8080']);
    expect(compose.networks?.backend?.internal).toBe(true);
    for (const [name, s] of Object.entries(compose.services)) {
      expect(s.networks).toContain('backend');
      // a way out only where the app calls out (gateway: its published port; notifier: webhooks, SMS, mail)
      const outside = (s.networks ?? []).filter((n) => compose.networks?.[n]?.internal !== true);
      expect([name, outside]).toEqual([name, ['gateway', 'notifier'].includes(name) ? ['edge'] : []]);
    }
  });

  it('docker-compose.debug.yml publishes the infrastructure on 127.0.0.1 only, and no app', () => {
    for (const [name, s] of Object.entries(composeDebug.services)) {
      expect(appNames).not.toContain(name);
      for (const p of s.ports ?? []) expect(p).toMatch(/^127\.0\.0\.1:/);
    }
  });
});

// ---- Kubernetes ----------------------------------------------------------------------------------

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: Record<string, unknown>;
}
interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command: string[];
  ports: Array<{ name: string; containerPort: number }>;
  envFrom?: Array<{
    configMapRef?: { name: string; optional?: boolean };
    secretRef?: { name: string; optional?: boolean };
  }>;
  env?: Array<{ name: string; value?: string }>;
  startupProbe: Probe;
  livenessProbe: Probe;
  readinessProbe: Probe;
  volumeMounts?: unknown[];
}
interface Kustomization {
  namespace: string;
  resources: string[];
  images: Array<{ name: string; newName: string; newTag: string }>;
}

const docsOf = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((d): d is K8sObject => d !== null);

/** What `kubectl apply -k deploy/k8s` applies: its resources in its namespace, with its image. */
function kustomize(): K8sObject[] {
  const k = parse(read('deploy/k8s/kustomization.yaml')) as Kustomization;
  const objects = k.resources.flatMap((r) => docsOf(read(`deploy/k8s/${r}`)));
  for (const o of objects) {
    if (o.kind !== 'Namespace') o.metadata.namespace = k.namespace;
    const containers = (o.spec?.template as { spec: { containers: Container[] } } | undefined)?.spec
      .containers;
    for (const c of containers ?? []) {
      const image = k.images.find((i) => i.name === c.image);
      if (image) c.image = `${image.newName}:${image.newTag}`;
    }
  }
  return objects;
}

describe('deploy/k8s', () => {
  const kustomization = parse(read('deploy/k8s/kustomization.yaml')) as Kustomization;
  const objects = kustomize();
  const secrets = docsOf(makeKeys('--k8s'));
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const named = (kind: string, name: string) => of(kind).find((o) => o.metadata.name === name);
  const containerOf = (app: string) =>
    (named('Deployment', app)!.spec!.template as { spec: { containers: Container[] } }).spec.containers[0];

  /** The environment a pod gets: envFrom in order (later keys win), then env. */
  function podEnv(app: string): Env {
    const c = containerOf(app);
    const env: Env = {};
    for (const from of c.envFrom ?? []) {
      const ref = from.configMapRef ?? from.secretRef!;
      const source = from.configMapRef
        ? named('ConfigMap', ref.name)
        : secrets.find((s) => s.kind === 'Secret' && s.metadata.name === ref.name);
      if (!source) {
        // an optional Secret the operator adds for optional features (e.g. supervision's DingTalk)
        if (ref.optional) continue;
        throw new Error(
          `${app} reads ${ref.name}, which neither the manifests nor make-keys.mjs --k8s create`,
        );
      }
      Object.assign(env, source.data ?? source.stringData);
    }
    for (const e of c.env ?? []) env[e.name] = e.value ?? '';
    return env;
  }

  it('every app starts in production with the ConfigMaps and the Secrets make-keys.mjs --k8s makes', async () => {
    for (const app of APPS) {
      const env = podEnv(app.name);
      expect(env.NODE_ENV).toBe('production');
      await startsWith(app, env).catch((e: Error) => {
        throw new Error(`${app.name} would exit in Kubernetes:\n${e.message}`);
      });
      expect(requiredIn(app, env)).toContain('AUTH_JWT_PUBLIC_KEY');
    }
  });

  it('keys reach only the apps that use them, and the Secrets live in the namespace the manifests use', () => {
    const readers = (key: string) =>
      appNames.filter((a) => podEnv(a)[key] !== undefined && podEnv(a)[key] !== '');
    expect(readers('AUTH_JWT_PRIVATE_KEY')).toEqual(['gateway']);
    expect(readers('GATEWAY_SECRET_KEYS')).toEqual(['gateway']);
    expect(readers('PII_KEYS')).toEqual(['households']);
    expect(readers('PII_HASH_KEY').sort()).toEqual(['households', 'monitoring']);
    expect(readers('CHANNEL_SECRET_KEY')).toEqual(['notifier']);
    expect(readers('REQUESTS_PII_KEYS')).toEqual(['requests']);
    expect(readers('REQUESTS_PHONE_HASH_KEY')).toEqual(['requests']);
    expect(readers('AUTH_JWT_PUBLIC_KEY').sort()).toEqual([...appNames].sort());
    for (const s of secrets) expect(s.metadata.namespace ?? s.metadata.name).toBe(kustomization.namespace);
  });

  it('no demo town in production', () => {
    for (const app of APPS)
      expect(Object.keys(podEnv(app.name)).filter((k) => k.startsWith('SEED_DEMO'))).toEqual([]);
  });

  it('a pinned image (package.json’s version, never latest) running each app’s build output', () => {
    expect(kustomization.images).toEqual([
      { name: 'fangfanpin', newName: expect.any(String), newTag: version },
    ]);
    for (const app of APPS) {
      const c = containerOf(app.name);
      expect(c.image).toMatch(new RegExp(`:${version.replace(/\./g, '\\.')}$`));
      expect(c.image).not.toMatch(/:latest$/);
      expect(c.command).toEqual(['node', `dist/apps/${app.name}/src/main.js`]);
    }
  });

  it('ports come from the apps’ config: container, Service and the gateway’s addresses agree', () => {
    const gw = podEnv('gateway');
    for (const app of APPS) {
      const port = defaultPort(app);
      expect(Number(podEnv(app.name).PORT)).toBe(port);
      expect(containerOf(app.name).ports).toEqual([{ name: 'http', containerPort: port }]);
      const svc = named('Service', app.name)!.spec as { ports: unknown[]; type?: string };
      expect(svc.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
      // nothing is exposed outside the cluster but through the Ingress
      expect(svc.type ?? 'ClusterIP').toBe('ClusterIP');
      if (app.name !== 'gateway')
        expect(gw[`${app.name.toUpperCase()}_URL`]).toBe(`http://${app.name}:${port}`);
    }
  });

  it('probes ask paths the app serves, on its port: startup and liveness /health/live, readiness /health/ready', async () => {
    for (const app of APPS) {
      const c = containerOf(app.name);
      const paths = healthPaths(app, await startsWith(app, podEnv(app.name)));
      expect(paths).toEqual(new Set(['/health', '/health/live', '/health/ready']));
      expect(c.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      // kafka-tls.patch.yaml appends to these lists
      expect(Array.isArray(c.volumeMounts)).toBe(true);
    }
  });

  it('each app: at least two replicas and a PodDisruptionBudget that keeps one serving', () => {
    for (const app of appNames) {
      const hpa = named('HorizontalPodAutoscaler', app)!.spec as { minReplicas: number };
      const pdb = named('PodDisruptionBudget', app)!.spec as {
        minAvailable: number;
        selector: { matchLabels: Record<string, string> };
      };
      expect(pdb.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': app });
      expect(pdb.minAvailable).toBeLessThan(hpa.minReplicas);
      expect(pdb.minAvailable).toBeGreaterThanOrEqual(1);
    }
  });

  it('NetworkPolicy: everything denied by default, the gateway open, every other app only from the gateway', () => {
    interface Rule {
      from?: Array<{ podSelector?: { matchLabels: Record<string, string> } }>;
      ports?: Array<{ port: string | number }>;
    }
    interface Policy {
      podSelector: {
        matchLabels?: Record<string, string>;
        matchExpressions?: Array<{ key: string; operator: string; values: string[] }>;
      };
      policyTypes: string[];
      ingress?: Rule[];
    }
    const policies = of('NetworkPolicy').map((p) => p.spec as unknown as Policy);
    const selects = (p: Policy, app: string) => {
      const { matchLabels, matchExpressions } = p.podSelector;
      if (!matchLabels && !matchExpressions) return true;
      if (matchLabels && matchLabels['app.kubernetes.io/name'] !== app) return false;
      return (matchExpressions ?? []).every(
        (e) => e.key === 'app.kubernetes.io/name' && e.operator === 'In' && e.values.includes(app),
      );
    };
    expect(
      policies.some((p) => selects(p, 'anything') && p.policyTypes.includes('Ingress') && !p.ingress),
    ).toBe(true);
    for (const app of appNames) {
      const rules = policies.filter((p) => selects(p, app)).flatMap((p) => p.ingress ?? []);
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(rule.ports).toEqual([{ port: 'http' }]);
        if (app === 'gateway') continue;
        // anything but the gateway's pods as the only source would let traffic past its checks
        expect(rule.from).toEqual([
          { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } },
        ]);
      }
    }
  });

  it('the Ingress example routes to the gateway’s Service', () => {
    const [ingress] = docsOf(read('deploy/k8s/ingress.example.yaml'));
    const spec = ingress.spec as {
      rules: Array<{
        http: { paths: Array<{ backend: { service: { name: string; port: { name: string } } } }> };
      }>;
    };
    for (const r of spec.rules)
      for (const p of r.http.paths)
        expect(p.backend.service).toEqual({ name: 'gateway', port: { name: 'http' } });
    expect(ingress.metadata.namespace).toBe(kustomization.namespace);
  });
});

// ---- the README's instructions -------------------------------------------------------------------

describe('the Docker and Kubernetes instructions', () => {
  const docs = ['README.md', 'deploy/k8s/README.md', 'docker-compose.yml', 'deploy/k8s/kustomization.yaml'];

  it('name only files that exist (or that a command they give writes)', () => {
    const missing: string[] = [];
    let named = 0;
    for (const doc of docs) {
      const text = read(doc);
      const inK8s = doc.startsWith('deploy/k8s/');
      const paths =
        text.match(
          /(?<![\w/.-])(?:(?:deploy|scripts|apps|libs|test)\/[\w./-]+\.(?:ya?ml|mjs|ts|sh|md|json)|docker-compose[\w.]*\.yml|\.env\.example|Dockerfile)(?![\w/-])/g,
        ) ?? [];
      // deploy/k8s's own files by their bare names (configmap.yaml, kafka-tls.patch.yaml, …)
      const bare = inK8s ? (text.match(/(?<![\w/.-])[\w-]+(?:\.[\w-]+)*\.ya?ml(?![\w/-])/g) ?? []) : [];
      for (const f of new Set([...paths, ...bare.map((b) => `deploy/k8s/${b}`)])) {
        named++;
        const writtenBy = `> ${f.replace(/^deploy\/k8s\//, '')}`;
        if (!existsSync(join(root, f)) && !text.includes(writtenBy)) missing.push(`${doc}: ${f}`);
      }
    }
    expect(missing).toEqual([]);
    expect(named).toBeGreaterThan(20);
  });

  it('the consumer-group table lists each app’s group as its config names it', () => {
    const table = read('deploy/k8s/README.md');
    for (const app of APPS) {
      const group = (app.schema.parse({}) as { KAFKA_GROUP_ID?: string }).KAFKA_GROUP_ID;
      const row = table.split('\n').find((l) => new RegExp(`^\\|\\s*${app.name}\\s*\\|`).test(l));
      expect([app.name, row]).toEqual([app.name, expect.stringContaining(group ?? '—')]);
      expect(row).toContain(`${app.name}.revocations.`);
    }
  });
});
