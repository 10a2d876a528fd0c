import { hostname } from 'node:os';
import type { Consumer } from 'kafkajs';
import { Topics } from '@lib/contracts';
import { AppProcess, waitFor } from '@lib/testing';
import { GATEWAY_ADMIN, Platform } from './platform';

/**
 * Every instance follows token revocations with a consumer group of its own, named after its stable
 * identity (host name and port here, the pod name in Kubernetes): restarting an app adds no group, a
 * graceful stop removes its group, a killed instance's group is swept by the others, and a sign-out
 * still reaches every instance (each reads every partition).
 */
describe('revocation consumer groups: one per live instance, none per start', () => {
  const platform = new Platform();
  let second: AppProcess;
  const groupsOf = async (app: string) => {
    const admin = platform.kafka.kafka.admin();
    await admin.connect();
    try {
      const prefix = `${platform.prefix}${app}.revocations.`;
      return (await admin.listGroups()).groups
        .map((g) => g.groupId)
        .filter((g) => g.startsWith(prefix))
        .sort();
    } finally {
      await admin.disconnect();
    }
  };
  const stableGroup = (app: AppProcess) =>
    `${platform.prefix}${app.name}.revocations.${hostname()}-${app.port}`;
  const login = async () => {
    const r = await platform.apps.gateway.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    expect(r.status).toBe(200);
    return r.body.accessToken;
  };
  const statuses = async (token: string) =>
    Promise.all(
      [platform.apps.rules, second].map(async (a) => (await a.get('/api/v1/alerts', { token })).status),
    );
  const signOut = async (token: string) =>
    expect((await platform.apps.gateway.post('/api/v1/auth/logout', {}, { token })).status).toBe(204);

  beforeAll(async () => {
    await platform.start(['rules', 'gateway']);
    second = await AppProcess.create('rules', platform.runId, platform.envOf('rules'));
    await second.start();
  }, 180_000);

  afterAll(async () => {
    await second?.stop();
    await platform.stop();
  }, 60_000);

  it('two instances: two groups named after them; a sign-out reaches both', async () => {
    const first = platform.apps.rules;
    await waitFor('both revocation groups', async () => (await groupsOf('rules')).length === 2);
    expect(await groupsOf('rules')).toEqual([stableGroup(first), stableGroup(second)].sort());
    expect(await groupsOf('gateway')).toEqual([stableGroup(platform.apps.gateway)]);

    const token = await login();
    expect(await statuses(token)).toEqual([200, 200]);
    await signOut(token);
    await waitFor('both instances to refuse the signed-out token', async () =>
      (await statuses(token)).every((s) => s === 401),
    );
  }, 60_000);

  it('restarting an instance (graceful, twice) reuses its group: no second group', async () => {
    const before = await groupsOf('rules');
    for (let i = 0; i < 2; i++) {
      await platform.restart('rules', 'stop');
      // the group is joined in the background once the app is up: wait for it, then nothing else
      await waitFor('the restarted instance to rejoin its group', async () =>
        (await groupsOf('rules')).includes(stableGroup(platform.apps.rules)),
      );
      expect(await groupsOf('rules')).toEqual(before);
    }
    // the restarted instance re-read the sign-out of the first test and follows new ones
    const token = await login();
    expect(await statuses(token)).toEqual([200, 200]);
    await signOut(token);
    await waitFor('both instances to refuse the next signed-out token', async () =>
      (await statuses(token)).every((s) => s === 401),
    );
  }, 120_000);

  it('an instance killed with SIGKILL and started again: still one group per live instance', async () => {
    await platform.restart('rules', 'kill');
    // its killed member lingers up to a session (10 s): the restart reads with its own group meanwhile,
    // and the stale one is swept once the session has expired
    await waitFor('one group per live instance', async () => (await groupsOf('rules')).length === 2, {
      timeoutMs: 45_000,
      intervalMs: 500,
    });
    const groups = await groupsOf('rules');
    expect(groups).toContain(stableGroup(second));
    const token = await login();
    expect(await statuses(token)).toEqual([200, 200]);
    await signOut(token);
    await waitFor('both instances to refuse a token signed out after the crash', async () =>
      (await statuses(token)).every((s) => s === 401),
    );
  }, 120_000);

  it('groups of instances gone are swept; an instance whose group is busy (a twin) reads with one of its own', async () => {
    const first = platform.apps.rules;
    // a consumer in a group as an instance joins it, leaving it (no member) or staying (a twin)
    const joined = async (groupId: string) => {
      const consumer = platform.kafka.kafka.consumer({
        groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
      });
      const join = new Promise<void>((r) => consumer.on(consumer.events.GROUP_JOIN, () => r()));
      await consumer.connect();
      await consumer.subscribe({ topic: platform.topic(Topics.sessions) });
      await consumer.run({ eachMessage: async () => undefined });
      await join;
      return consumer;
    };
    await first.stop();
    const orphan = `${platform.prefix}rules.revocations.gone-host-3005`;
    await (await joined(orphan)).disconnect();
    let twin: Consumer | null = await joined(stableGroup(first));
    try {
      expect(await groupsOf('rules')).toEqual([orphan, stableGroup(first), stableGroup(second)].sort());
      await first.start();
      // the orphan goes at start; the first instance reads with a group of its own while the twin stays
      await waitFor(
        'the orphaned group to be swept',
        async () => !(await groupsOf('rules')).includes(orphan),
      );
      await waitFor('the instance to join a group of its own', async () =>
        (await groupsOf('rules')).some((g) => g.startsWith(`${stableGroup(first)}.`)),
      );
      const token = await login();
      expect(await statuses(token)).toEqual([200, 200]);
      await signOut(token);
      await waitFor('both instances to refuse the token (the first one with its own group)', async () =>
        (await statuses(token)).every((s) => s === 401),
      );
      await twin.disconnect();
      twin = null;
      // the twin's group, now without members, is swept after a session timeout: one group per instance
      await waitFor(
        'the twin’s group to be swept',
        async () => !(await groupsOf('rules')).includes(stableGroup(first)),
        { timeoutMs: 45_000, intervalMs: 500 },
      );
      expect(await groupsOf('rules')).toHaveLength(2);
    } finally {
      await twin?.disconnect();
    }
  }, 120_000);

  it('a gracefully stopped instance deletes its group', async () => {
    await second.stop();
    expect(await groupsOf('rules')).toHaveLength(1);
    expect(await groupsOf('rules')).not.toContain(stableGroup(second));
  }, 60_000);
});
