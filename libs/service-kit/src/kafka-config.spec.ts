import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseConfigSchema, kafkaSettingsOf, loadConfig } from './config';

// a self-signed Ed25519 client certificate and its key (test material only)
const CERT = `-----BEGIN CERTIFICATE-----
MIIBTzCCAQGgAwIBAgIUKDZHvHRpeJB6L53lmWOJgZYLSlswBQYDK2VwMBwxGjAY
BgNVBAMMEWthZmthLXRlc3QtY2xpZW50MCAXDTI2MTIwMzEzMDgxOFoYDzIxMjYx
MTA5MTMwODE4WjAcMRowGAYDVQQDDBFrYWZrYS10ZXN0LWNsaWVudDAqMAUGAytl
cAMhAD//WOKGET5by977f2/EgD7jmlJ1jWa58bRI/rqXkJAUo1MwUTAdBgNVHQ4E
FgQUY+blrNVxqIrmVzVMKWgm8i43DE0wHwYDVR0jBBgwFoAUY+blrNVxqIrmVzVM
KWgm8i43DE0wDwYDVR0TAQH/BAUwAwEB/zAFBgMrZXADQQB97ZWh/r0xtQN0vuNo
5MMf+M2P62J+S2pTUBxSgr4I/1mRAVSxKg93oqawsmVreo0pdwYJjRoJL6iZw+Ed
7BEK
-----END CERTIFICATE-----
`;
const KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEINoJToSOAbKhHNn7bWCkqWgsbynn/znWMfu7cfFqry3k
-----END PRIVATE KEY-----
`;
const OTHER_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIGgfyDWzXEE/EEkeGNnZW2VeiE0yLOQO9475UOa09NN8
-----END PRIVATE KEY-----
`;

describe('Kafka TLS and SASL settings (checked at start, passed to kafkajs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-config-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const ca = file('ca.pem', CERT);
  const cert = file('client.pem', CERT);
  const key = file('client-key.pem', KEY);
  const otherKey = file('other-key.pem', OTHER_KEY);
  const notPem = file('notes.txt', 'not a certificate');
  const load = (env: Record<string, string>) => loadConfig(baseConfigSchema, env);
  const problems = (env: Record<string, string>) => {
    try {
      load(env);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('plaintext without authentication when nothing is set (the local broker)', () => {
    const s = kafkaSettingsOf(load({}), 'rules');
    expect(s.ssl).toBeUndefined();
    expect(s.sasl).toBeUndefined();
  });

  it('SCRAM over TLS with a CA file and a client certificate: the options kafkajs gets', () => {
    const s = kafkaSettingsOf(
      load({
        KAFKA_TLS: 'true',
        KAFKA_TLS_CA_FILE: ca,
        KAFKA_TLS_CERT_FILE: cert,
        KAFKA_TLS_KEY_FILE: key,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'fangfanpin',
        KAFKA_SASL_PASSWORD: 's3cret',
      }),
      'rules',
    );
    expect(s.ssl).toEqual({ ca: CERT, cert: CERT, key: KEY });
    expect(s.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'fangfanpin', password: 's3cret' });
    // TLS alone trusts Node's CA store
    expect(kafkaSettingsOf(load({ KAFKA_TLS: 'true' }), 'rules').ssl).toBe(true);
    expect(
      kafkaSettingsOf(
        load({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }),
        'rules',
      ).sasl,
    ).toEqual({ mechanism: 'scram-sha-256', username: 'u', password: 'p' });
  });

  it('refuses, naming each variable: a missing file, a file without PEM, a key of another certificate', () => {
    const missing = problems({ KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: join(dir, 'nope.pem') });
    expect(missing).toMatch(/KAFKA_TLS_CA_FILE: cannot read .*nope\.pem/);
    expect(problems({ KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: notPem })).toMatch(
      /KAFKA_TLS_CA_FILE: .*notes\.txt holds no PEM certificates/,
    );
    expect(problems({ KAFKA_TLS: 'true', KAFKA_TLS_CERT_FILE: cert, KAFKA_TLS_KEY_FILE: otherKey })).toMatch(
      /KAFKA_TLS_KEY_FILE: is not the private key of the certificate/,
    );
  });

  it('refuses settings that only work together when one is missing', () => {
    expect(problems({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toMatch(
      /KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM[\s\S]*KAFKA_SASL_PASSWORD: required/,
    );
    expect(problems({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toMatch(
      /KAFKA_SASL_USERNAME: set KAFKA_SASL_MECHANISM too/,
    );
    expect(problems({ KAFKA_TLS_CA_FILE: ca })).toMatch(/KAFKA_TLS_CA_FILE: only used with KAFKA_TLS=true/);
    expect(problems({ KAFKA_TLS: 'true', KAFKA_TLS_CERT_FILE: cert })).toMatch(
      /KAFKA_TLS_KEY_FILE: KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE go together/,
    );
    expect(
      problems({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }),
    ).toMatch(/KAFKA_SASL_MECHANISM: plain sends the password in clear/);
    expect(problems({ KAFKA_SASL_MECHANISM: 'gssapi' })).toMatch(/KAFKA_SASL_MECHANISM/);
  });

  it('production needs the token verification key; the instance id names the revocation group', () => {
    expect(problems({ NODE_ENV: 'production' })).toMatch(/AUTH_JWT_PUBLIC_KEY: is required in production/);
    const named = kafkaSettingsOf(load({ INSTANCE_ID: 'rules-7f9c-x2' }), 'rules');
    expect(named.instanceId).toBe('rules-7f9c-x2');
    expect(kafkaSettingsOf({ ...load({}), PORT: 3005 } as never, 'rules').instanceId).toMatch(/-3005$/);
    expect(problems({ INSTANCE_ID: 'has space' })).toMatch(/INSTANCE_ID/);
  });
});
