import {
  alertMarkdown,
  digestCapacity,
  dingTalkSignedUrl,
  truncateUtf8,
  weComMarkdownBody,
  WECOM_MARKDOWN_MAX_BYTES,
} from './robot-messages';

const n = {
  deliveryId: 'd1',
  alertId: 'a1',
  severity: 'high',
  title: '人均纯收入低于监测范围',
  message: '户 0101：2026-10 走访人均纯收入 4700 元，低于全国2021年监测范围 6000 元。',
  townCode: '621299101',
  villageCode: '621299101201',
  subjectId: 'h1',
};

describe('robot messages', () => {
  it('puts timestamp and an URL-safe signature on the DingTalk URL, keeping the access token', () => {
    const url = new URL(
      dingTalkSignedUrl('https://robot.example/robot/send?access_token=abc', 'SECret+/=', 1700000000000),
    );
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    expect(url.searchParams.get('sign')).toMatch(/^[A-Za-z0-9+/]{43}=$/); // base64 of a SHA-256 HMAC
    expect(url.search).toMatch(/[?&]sign=[A-Za-z0-9%]+(&|$)/); // percent-encoded in the query
  });

  it('writes the alert in Chinese markdown with its severity', () => {
    const { title, text } = alertMarkdown(n);
    expect(title).toBe('【高】人均纯收入低于监测范围');
    expect(text).toContain('4700 元');
    expect(text).toContain('预警编号 a1');
  });

  it('never sends WeCom markdown over 4,096 bytes and never splits a character', () => {
    const long = { ...n, message: '监测'.repeat(2000) };
    const content = weComMarkdownBody(long).markdown.content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(content.endsWith('…')).toBe(true);
    expect(content).not.toContain('\uFFFD');
    expect(truncateUtf8('短', 100)).toBe('短');
  });

  it('a digest lists every alert with its id and fits the WeCom limit', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({
      alertId: `alert-${i}`,
      severity: 'medium',
      title: '人均纯收入低于监测范围',
      villageCode: '621299101201',
    }));
    const fit = digestCapacity(items, 3_800);
    expect(fit).toBeGreaterThan(10);
    expect(fit).toBeLessThan(200);
    const { title, text } = alertMarkdown({ ...n, digestOf: items.slice(0, fit) });
    expect(title).toBe(`预警汇总：${fit} 条新预警`);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(3_800);
    expect(text.match(/预警编号 alert-\d+/g)).toHaveLength(fit);
    expect(weComMarkdownBody({ ...n, digestOf: items.slice(0, fit) }).markdown.content).toBe(text);
    expect(digestCapacity(items.slice(0, 1), 10)).toBe(1); // never stuck
  });
});
