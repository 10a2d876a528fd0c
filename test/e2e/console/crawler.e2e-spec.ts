import { problemsOf } from './checks';
import { ACCOUNTS, ConsolePage, ConsoleRole, ConsoleSuite, mayOpen, RouteInfo, Size } from './harness';

/** '/households/:id' → a pattern for the pathnames of that route. */
const patternOf = (p: string) => new RegExp(`^${p.replace(/:[A-Za-z]+(\([^)]*\))?[*+?]?/g, '[^/]+')}$`);

interface CrawlResult {
  opened: string[];
  forbidden: string[];
  byLink: string[];
  noLink: string[];
  failures: string[];
}

/**
 * Visits every page of the router's list as the signed-in user: the pages the role may open must open
 * (no redirect), the others must show 无权访问; pages with a record id (`:id`) are opened from the
 * first link to them found on the pages visited before. Every page is checked by problemsOf.
 */
async function crawl(cp: ConsolePage): Promise<CrawlResult> {
  const role = cp.account.role;
  const r: CrawlResult = { opened: [], forbidden: [], byLink: [], noLink: [], failures: [] };
  const fail = (where: string, problems: string[]) =>
    r.failures.push(...problems.map((p) => `${where}: ${p}`));
  const routes = (await cp.routes()).filter((x) => x.crawl);
  const plain = routes.filter((x) => !x.path.includes(':'));
  const withId = routes.filter((x) => x.path.includes(':'));
  const links = new Map<string, string>();

  fail('(start)', await problemsOf(cp));
  for (const page of plain) {
    await cp.go(page.path);
    const open = mayOpen(role, page);
    const landed = cp.path();
    if (open && landed !== page.path) fail(page.path, [`opened ${landed} instead`]);
    if (!open && landed !== '/forbidden')
      fail(page.path, [`should show 无权访问 to this role, showed ${landed}`]);
    (open ? r.opened : r.forbidden).push(page.path);
    fail(page.path, await problemsOf(cp));
    if (!open) continue;
    const hrefs = await cp.page.evaluate<string[]>(
      "[...document.querySelectorAll('main a[href]')].map((a) => new URL(a.href).pathname)",
    );
    for (const target of withId)
      if (!links.has(target.path)) {
        const href = hrefs.find((h) => patternOf(target.path).test(h));
        if (href) links.set(target.path, href);
      }
  }
  for (const page of withId) {
    const href = links.get(page.path);
    if (!href) {
      r.noLink.push(page.path);
      continue;
    }
    await cp.go(href);
    if (!patternOf(page.path).test(cp.path())) fail(href, [`opened ${cp.path()} instead`]);
    r.byLink.push(page.path);
    fail(href, await problemsOf(cp));
  }
  return r;
}

describe('console crawler: every page of the router, as every role, on a desktop and a phone', () => {
  const suite = new ConsoleSuite();
  const report: string[] = [];
  let allRoutes: RouteInfo[] = [];

  // the demo town gives the pages records to show and the links to the pages of one record;
  // CONSOLE_CRAWL_DEMO_TOWN=no crawls an empty platform (quicker: the users only)
  beforeAll(() => suite.start({ demoTown: process.env.CONSOLE_CRAWL_DEMO_TOWN !== 'no' }), 900_000);
  afterAll(async () => {
    console.log(
      [
        `console crawl: ${allRoutes.length} routes in the router (${allRoutes.filter((x) => !x.crawl).length} with crawl: false)`,
        'role               size     opened  无权访问  by link  no link',
        ...report,
      ].join('\n'),
    );
    await suite.stop();
  });

  it.each((['desktop', 'phone'] as Size[]).map((s) => [s]))('the sign-in page at %s', async (size) => {
    const cp = await suite.open(size);
    try {
      expect(await problemsOf(cp)).toEqual([]);
    } finally {
      await cp.close();
    }
  });

  const cases = ACCOUNTS.flatMap((a) =>
    (['desktop', 'phone'] as Size[]).map((s) => [a.role, s] as [ConsoleRole, Size]),
  );
  it.each(cases)(
    'as %s at %s',
    async (role, size) => {
      const cp = await suite.signIn(role, size);
      try {
        allRoutes = await cp.routes();
        const r = await crawl(cp);
        report.push(
          [
            role.padEnd(18),
            size.padEnd(8),
            String(r.opened.length).padStart(6),
            String(r.forbidden.length).padStart(9),
            String(r.byLink.length).padStart(8),
            `${String(r.noLink.length).padStart(8)}${r.noLink.length ? ` (${r.noLink.join(', ')})` : ''}`,
          ].join(' '),
        );
        expect(r.opened.length).toBeGreaterThan(0);
        expect(r.failures).toEqual([]);
      } finally {
        await cp.close();
      }
    },
    600_000,
  );
});
