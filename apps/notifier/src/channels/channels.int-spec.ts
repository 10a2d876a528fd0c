import { createHash, createHmac } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { EmailChannel } from './email.channel';
import { DingTalkRobotChannel, WeComRobotChannel } from './robot.channels';
import { SmsGatewayChannel } from './sms.channel';

const n = {
  deliveryId: 'delivery-1',
  alertId: 'alert-1',
  severity: 'high',
  title: '人均纯收入低于监测范围',
  message: '户 0101：2026-10 走访人均纯收入 4700 元，低于全国2021年监测范围 6000 元。',
  townCode: '621299101',
  villageCode: '621299101201',
  subjectId: 'h1',
};

interface Seen {
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local HTTP server answering like the real service would; `reply` decides the answer. */
async function sink(reply: (s: Seen) => unknown) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        url: new URL(req.url!, 'http://x'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply(s)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('notification channels against local sinks', () => {
  it('DingTalk robot: the sink verifies the signature, accepts markdown, reports blocking', async () => {
    const secret = 'SEC0123456789abcdef';
    let sent = 0;
    const robot = await sink(({ url, body }) => {
      const ts = url.searchParams.get('timestamp')!;
      const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
      if (url.searchParams.get('access_token') !== 'tok' || url.searchParams.get('sign') !== expected)
        return { errcode: 310000, errmsg: 'sign not match' };
      if (Math.abs(Date.now() - Number(ts)) > 3_600_000)
        return { errcode: 310000, errmsg: 'timestamp expired' };
      const msg = JSON.parse(body);
      if (msg.msgtype !== 'markdown' || !msg.markdown.title || !msg.markdown.text)
        return { errcode: 40035, errmsg: 'bad' };
      return ++sent > 20 ? { errcode: 130101, errmsg: 'send too fast' } : { errcode: 0, errmsg: 'ok' };
    });
    try {
      const channel = new DingTalkRobotChannel(2_000);
      const ok = await channel.send({ url: `${robot.base}/robot/send?access_token=tok`, secret }, n);
      expect(ok).toMatchObject({ ok: true });
      expect(JSON.parse(robot.seen[0].body).markdown.text).toContain('【高】人均纯收入低于监测范围');

      const wrong = await channel.send(
        { url: `${robot.base}/robot/send?access_token=tok`, secret: 'other' },
        n,
      );
      expect(wrong).toMatchObject({
        ok: false,
        rateLimited: false,
        error: expect.stringContaining('310000'),
      });

      for (let i = 0; i < 19; i++)
        await channel.send({ url: `${robot.base}/robot/send?access_token=tok`, secret }, n);
      const blocked = await channel.send({ url: `${robot.base}/robot/send?access_token=tok`, secret }, n);
      expect(blocked).toMatchObject({ ok: false, rateLimited: true });
    } finally {
      await robot.close();
    }
  });

  it('WeCom robot: markdown content within 4,096 bytes, errcode 45009 is rate limiting', async () => {
    let calls = 0;
    const robot = await sink(({ url, body }) => {
      const msg = JSON.parse(body);
      if (url.searchParams.get('key') !== 'k1') return { errcode: 93000, errmsg: 'invalid webhook url' };
      if (msg.msgtype !== 'markdown' || Buffer.byteLength(msg.markdown.content) > 4096)
        return { errcode: 40058 };
      return ++calls > 1 ? { errcode: 45009, errmsg: 'api freq out of limit' } : { errcode: 0, errmsg: 'ok' };
    });
    try {
      const channel = new WeComRobotChannel(2_000);
      expect(
        await channel.send(
          { url: `${robot.base}/cgi-bin/webhook/send?key=k1` },
          { ...n, message: '长'.repeat(3000) },
        ),
      ).toMatchObject({ ok: true });
      expect(await channel.send({ url: `${robot.base}/cgi-bin/webhook/send?key=k1` }, n)).toMatchObject({
        ok: false,
        rateLimited: true,
      });
    } finally {
      await robot.close();
    }
  });

  it('SMS gateway: a signed template call the gateway can verify', async () => {
    const secret = 'sms-secret';
    const gateway = await sink(({ headers, body }) => {
      const digest = createHash('sha256').update(body).digest('hex');
      const expected = createHmac('sha256', secret)
        .update(`${headers['x-timestamp']}\n${digest}`)
        .digest('hex');
      return headers['x-signature'] === expected ? { code: 'OK' } : { code: 'SIGNATURE_DOES_NOT_MATCH' };
    });
    try {
      const channel = new SmsGatewayChannel(2_000);
      const target = {
        url: `${gateway.base}/sms`,
        appKey: 'app',
        secret,
        templateId: 'SMS_ALERT_1',
        phone: '13800000000',
      };
      expect(await channel.send(target, n)).toMatchObject({ ok: true });
      const call = JSON.parse(gateway.seen[0].body);
      expect(call).toMatchObject({
        phone: '13800000000',
        templateId: 'SMS_ALERT_1',
        requestId: 'delivery-1',
      });
      expect(call.params.title).toBe('人均纯收入低于监测范围');
      expect(await channel.send({ ...target, secret: 'wrong' }, n)).toMatchObject({ ok: false });
    } finally {
      await gateway.close();
    }
  });

  it('email over SMTP arrives at a local SMTP server with the alert', async () => {
    const mails: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks).toString('utf8'));
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.server.address() as AddressInfo).port;
    const channel = new EmailChannel(5_000);
    try {
      const r = await channel.send(
        { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'alerts@county.example', to: ['duty@town.example'] },
        n,
      );
      expect(r).toMatchObject({ ok: true });
      expect(mails).toHaveLength(1);
      const [head, body] = mails[0].split('\r\n\r\n');
      expect(head).toMatch(/^X-Alert-Id: alert-1$/im);
      expect(head).toMatch(/^To: duty@town\.example$/im);
      expect(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')).toContain(
        '人均纯收入 4700 元',
      );
    } finally {
      channel.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
