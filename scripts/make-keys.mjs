#!/usr/bin/env node
// Fresh keys for an installation (Node.js only, no build needed):
//   node scripts/make-keys.mjs                     write .env (for docker compose) next to docker-compose.yml
//   node scripts/make-keys.mjs --print             print the same settings (KEY=value) for a secret store
//   node scripts/make-keys.mjs --k8s | kubectl apply -f -
//                                                  the Namespace and the Secrets deploy/k8s reads
//   node scripts/make-keys.mjs --example           the text of .env.example (development keys, checked in)
// Options: --admin-unit <code> (the county of the first administrator, default 621299),
//          --admin-username <name> (default admin), --namespace <ns> (default fangfanpin), --force (overwrite .env).
// Keep the keys: data sealed with PII_KEYS and CHANNEL_SECRET_KEY cannot be read without them; to rotate
// PII_KEYS or GATEWAY_SECRET_KEYS add a new keyId:key in front and keep the old ones listed.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const flag = (name) => args.includes(name);

const adminUnit = option('--admin-unit', '621299');
if (!/^(\d{6}|\d{9}|\d{12}|\d{14})$/.test(adminUnit)) {
  console.error(`--admin-unit ${adminUnit}: expected an org-unit code (county: 6 digits)`);
  process.exit(2);
}

/** Every secret setting, with the Kubernetes Secret(s) that carry it (one per app that reads it). */
function makeKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const b64 = () => randomBytes(32).toString('base64');
  const hex = () => randomBytes(32).toString('hex');
  const password = randomBytes(15).toString('base64url');
  const piiHashKey = hex();
  return [
    // access tokens: the gateway signs, every app verifies
    { key: 'AUTH_JWT_PUBLIC_KEY', value: publicKey.trim(), secrets: ['fangfanpin-secrets'] },
    { key: 'AUTH_JWT_PRIVATE_KEY', value: privateKey.trim(), secrets: ['gateway-secrets'] },
    { key: 'GATEWAY_SECRET_KEYS', value: `k1:${b64()}`, secrets: ['gateway-secrets'] },
    {
      key: 'GATEWAY_ADMIN_USERNAME',
      value: option('--admin-username', 'admin'),
      secrets: ['gateway-secrets'],
    },
    { key: 'GATEWAY_ADMIN_PASSWORD', value: password, secrets: ['gateway-secrets'] },
    { key: 'GATEWAY_ADMIN_UNIT', value: adminUnit, secrets: ['gateway-secrets'] },
    // personal data at rest (households) and the keyed hash of ID numbers (households and monitoring)
    { key: 'PII_KEYS', value: `k1:${b64()}`, secrets: ['households-secrets'] },
    { key: 'PII_HASH_KEY', value: piiHashKey, secrets: ['households-secrets', 'monitoring-secrets'] },
    // notifier: channel targets at rest, and the X-Signature of webhook POSTs
    { key: 'CHANNEL_SECRET_KEY', value: hex(), secrets: ['notifier-secrets'] },
    { key: 'NOTIFIER_WEBHOOK_SECRET', value: hex(), secrets: ['notifier-secrets'] },
    // requests: residents' phones at rest and their keyed hash (rate limits, lookups)
    { key: 'REQUESTS_PII_KEYS', value: `k1:${b64()}`, secrets: ['requests-secrets'] },
    { key: 'REQUESTS_PHONE_HASH_KEY', value: hex(), secrets: ['requests-secrets'] },
  ];
}

/** .env syntax docker compose reads: single quotes keep a PEM's "\n" literal (the apps turn it into newlines). */
const envLine = ({ key, value }) =>
  value.includes('\n') ? `${key}='${value.replace(/\n/g, '\\n')}'` : `${key}=${value}`;

function envFile(keys, heading) {
  return `${heading}
# Variables docker-compose.yml reads (see the README, "Docker"); every app runs with NODE_ENV=production.
# ---- keys ---------------------------------------------------------------------------------------------
${keys
  .filter((k) => !k.key.startsWith('GATEWAY_ADMIN_'))
  .map(envLine)
  .join('\n')}
# ---- the first county administrator (created at the gateway's first start; sign in and change the password)
${keys
  .filter((k) => k.key.startsWith('GATEWAY_ADMIN_'))
  .map(envLine)
  .join('\n')}
# ---- optional ------------------------------------------------------------------------------------------
# the host address and port the gateway (the only published service) listens on
# GATEWAY_BIND=0.0.0.0
# GATEWAY_PORT=8080
# LOG_LEVEL=info
# the generic webhook every alert goes to
# NOTIFIER_WEBHOOK_URL=https://example.org/hook
# supervision's signed JSON endpoint: clientId:secret@orgUnit,... (each client bound to one org unit)
# INTEGRATION_SECRETS=gps-terminal:change-this-secret@621299101201
# supervision's DingTalk callback (钉钉事件订阅): all three or none
# DINGTALK_TOKEN=
# DINGTALK_AES_KEY=
# DINGTALK_OWNER_KEY=
`;
}

/** Secrets as Kubernetes manifests (YAML; JSON strings are YAML strings), with the namespace they live in. */
function k8sManifests(keys, namespace) {
  const byName = new Map();
  for (const k of keys) for (const s of k.secrets) byName.set(s, [...(byName.get(s) ?? []), k]);
  const docs = [
    `apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
  labels:
    app.kubernetes.io/part-of: fangfanpin`,
  ];
  for (const [name, entries] of byName) {
    const app = name.replace(/-secrets$/, '');
    docs.push(`apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app.kubernetes.io/part-of: fangfanpin${app === 'fangfanpin' ? '' : `\n    app.kubernetes.io/name: ${app}`}
type: Opaque
stringData:
${entries.map((e) => `  ${e.key}: ${JSON.stringify(e.value)}`).join('\n')}`);
  }
  return `# Made by: node scripts/make-keys.mjs --k8s   (apply once; kubectl apply -k deploy/k8s never touches these)\n${docs.join('\n---\n')}\n`;
}

const keys = makeKeys();
if (flag('--k8s')) process.stdout.write(k8sManifests(keys, option('--namespace', 'fangfanpin')));
else if (flag('--print')) process.stdout.write(`${keys.map(envLine).join('\n')}\n`);
else if (flag('--example'))
  process.stdout.write(
    envFile(
      keys,
      `# DEVELOPMENT KEYS, public in the repository: for a local trial only (cp .env.example .env).
# Anything else: node scripts/make-keys.mjs   (writes .env with keys of your own).
# Regenerate this file with: node scripts/make-keys.mjs --example > .env.example`,
    ),
  );
else {
  const file = join(root, '.env');
  if (existsSync(file) && !flag('--force')) {
    console.error(`${file} exists: keep it (its keys open your data) or run again with --force`);
    process.exit(1);
  }
  writeFileSync(file, envFile(keys, '# Made by: node scripts/make-keys.mjs — keep it secret, keep a copy.'), {
    mode: 0o600,
  });
  const admin = Object.fromEntries(keys.map((k) => [k.key, k.value]));
  console.log(`wrote ${file} (mode 600)
first administrator: ${admin.GATEWAY_ADMIN_USERNAME} / ${admin.GATEWAY_ADMIN_PASSWORD} (unit ${admin.GATEWAY_ADMIN_UNIT})
next: docker compose up -d --build`);
}
