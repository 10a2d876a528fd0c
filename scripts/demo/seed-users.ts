/**
 * 演示账号: one user per role in the demo county, created through the gateway as the demo county
 * administrator, so that each role's console can be tried (scripts/demo.sh prints the table).
 * Idempotent: a user that already exists (409) is left as it is.
 */
import { DEMO_COUNTY, DEMO_TOWN, DEMO_VILLAGES } from './demo-town';
import { postEachOnce, signInAsAdmin } from './gateway-call';

export interface DemoUser {
  /** The role's Chinese name, as the table shows it. */
  title: string;
  username: string;
  password: string;
  displayName: string;
  roles: Array<{ role: string; unit: string }>;
}

const village = DEMO_VILLAGES[0];
/** The users of every role but the county administrator (the gateway creates that one at start). */
export const DEMO_USERS: DemoUser[] = [
  {
    title: '乡镇干部',
    username: 'demo-town',
    displayName: `${DEMO_TOWN.name} 李文华`,
    role: 'town-official',
    unit: DEMO_TOWN.code,
  },
  {
    title: '村干部',
    username: 'demo-village',
    displayName: `${village.name} 王德明`,
    role: 'village-cadre',
    unit: village.code,
  },
  {
    title: '驻村队员',
    username: 'demo-workteam',
    displayName: `${village.name}工作队 张明`,
    role: 'work-team-member',
    unit: village.code,
  },
  {
    title: '第一书记',
    username: 'demo-secretary',
    displayName: `${village.name}第一书记 赵雪`,
    role: 'first-secretary',
    unit: village.code,
  },
  {
    title: '帮扶责任人',
    username: 'demo-paired',
    displayName: `帮扶责任人 陈静`,
    role: 'paired-cadre',
    unit: village.code,
  },
  {
    title: '督查人员',
    username: 'demo-inspector',
    displayName: `${DEMO_TOWN.name}纪委 孙强`,
    role: 'inspector',
    unit: DEMO_TOWN.code,
  },
  {
    title: '审计人员',
    username: 'demo-auditor',
    displayName: `${DEMO_COUNTY.name}审计局 周敏`,
    role: 'auditor',
    unit: DEMO_COUNTY.code,
  },
].map(({ role, unit, ...u }) => ({ ...u, password: `${u.username}-2026`, roles: [{ role, unit }] }));

/** Creates the demo users through `gateway` with an administrator's token; says how many were new. */
export async function seedUsers(gateway: string, token: string, users = DEMO_USERS): Promise<string> {
  const created = await postEachOnce(
    `${gateway}/api/v1/users`,
    token,
    users.map(({ title: _t, ...body }) => body),
    (u) => `user ${u.username}`,
  );
  return `demo users: ${created} created, ${users.length - created} already there`;
}

async function main() {
  const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
  const accessToken = await signInAsAdmin(gateway);
  console.error(await seedUsers(gateway, accessToken));
  // the sign-in table demo.sh prints (stdout)
  const rows = [
    ['县级管理员', process.env.GATEWAY_ADMIN_USERNAME ?? '', process.env.GATEWAY_ADMIN_PASSWORD ?? ''],
    ...DEMO_USERS.map((u) => [u.title, u.username, u.password]),
  ];
  console.log(table(['角色', '用户名', '密码'], rows));
}

/** A plain-text table, columns padded by display width (a Chinese character takes two columns). */
export function table(head: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => width(r[i]))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ');
  return all.map((r) => line(r).trimEnd()).join('\n');
}

if (require.main === module)
  main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
