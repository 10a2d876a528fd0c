/**
 * Plays DingTalk: posts a signed, AES-encrypted `check_url` event to the callback through the
 * gateway, as DingTalk does when a developer saves the callback address, and prints the reply.
 * Settings: DINGTALK_TOKEN, DINGTALK_AES_KEY, DINGTALK_OWNER_KEY (default: the demo's, in
 * .local/demo/dingtalk.env), GATEWAY_URL (default http://127.0.0.1:8080).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DingTalkCrypto, dingTalkSignature } from '@lib/crypto';

function setting(name: string): string {
  if (process.env[name]) return process.env[name]!;
  const file = path.resolve(__dirname, '../../../.local/demo/dingtalk.env');
  const line = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${name}=`))
    : undefined;
  if (!line) throw new Error(`${name} is not set (and ${file} does not hold it): run npm run demo first`);
  return line.slice(name.length + 1).trim();
}

async function main() {
  const options = {
    token: setting('DINGTALK_TOKEN'),
    encodingAesKey: setting('DINGTALK_AES_KEY'),
    ownerKey: setting('DINGTALK_OWNER_KEY'),
  };
  const dingtalk = new DingTalkCrypto(options);
  const timestamp = String(Date.now());
  const nonce = randomBytes(4).toString('hex');
  const encrypt = dingtalk.encrypt(JSON.stringify({ EventType: 'check_url' }));
  const signature = dingTalkSignature(options.token, timestamp, nonce, encrypt);
  const url = `${process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080'}/api/v1/integrations/dingtalk/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ encrypt }),
  });
  const body = (await res.json()) as { encrypt?: string; message?: string };
  if (res.status !== 200 || !body.encrypt) {
    console.error(
      `钉钉回调失败 (callback refused): HTTP ${res.status} ${body.message ?? JSON.stringify(body)}`,
    );
    process.exit(1);
  }
  console.log(
    `钉钉回调验证通过 (callback accepted): HTTP 200, 解密回复 reply "${dingtalk.decrypt(body.encrypt)}"`,
  );
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
