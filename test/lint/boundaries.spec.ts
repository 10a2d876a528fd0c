import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The boundaries eslint.config.mjs keeps (CONTRIBUTING.md): a wrong import is refused with a message
 * naming the boundary, a right one passes. Each case is linted as text at a path inside the zone
 * (ESLint's Node API, `new ESLint()` and `lintText`), so no file is written. ESLint loads its flat
 * config with a dynamic import(), which Jest's module sandbox refuses, so the cases run in one child node.
 */
const repoRoot = path.resolve(__dirname, '../..');
const LINT = `
import { ESLint } from 'eslint';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const [filePath, code] of cases) {
  const [result] = await eslint.lintText(code, { filePath });
  out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
}
console.log(JSON.stringify(out));
`;

/** file (inside the zone) and the code linted there */
const CASES = {
  appImportsApp: [
    'apps/households/src/households/boundary-probe.ts',
    "import { RuleBook } from '../../../rules/src/engine/rule-book';\nexport { RuleBook };\n",
  ],
  appImportsAppByRoot: [
    'apps/households/src/households/boundary-probe.ts',
    "import { x } from '../../../../apps/monitoring/src/x';\nexport { x };\n",
  ],
  appOwnAndLibs: [
    'apps/households/src/households/boundary-probe.ts',
    "import { levelOf } from '../org-units/org-unit';\nimport { Topics } from '@lib/contracts';\nexport { levelOf, Topics };\n",
  ],
  appImportsScripts: [
    'apps/households/src/org-units/boundary-probe.ts',
    "import { DEMO_TOWN } from '../../../../scripts/demo/demo-town';\nexport { DEMO_TOWN };\n",
  ],
  libImportsApp: [
    'libs/auth/src/boundary-probe.ts',
    "import { x } from '../../../apps/gateway/src/x';\nexport { x };\n",
  ],
  scriptImportsApp: [
    'scripts/demo/boundary-probe.ts',
    "import { x } from '../../apps/supervision/src/calendar/working-calendar';\nexport { x };\n",
  ],
  consoleImportsAuth: [
    'apps/console/src/stores/boundary-probe.ts',
    "import { Scope } from '@lib/auth';\nexport type { Scope };\n",
  ],
  consoleImportsApp: [
    'apps/console/src/stores/boundary-probe.ts',
    "import { x } from '../../../gateway/src/x';\nexport { x };\n",
  ],
  consoleAllowed: [
    'apps/console/src/areas/alerts/boundary-probe.ts',
    "import { labelOf } from '@lib/contracts/labels';\nimport type { Permission } from '@lib/auth-roles';\nimport { useOrgUnits } from '@/stores/org-units';\nimport { ruleName } from '../rules/rule-names';\nexport type { Permission };\nexport { labelOf, useOrgUnits, ruleName };\n",
  ],
  domainNest: [
    'apps/rules/src/alerts/domain/boundary-probe.ts',
    "import * as m from '@nestjs/common';\nexport { m };\n",
  ],
  domainMongoose: [
    'apps/rules/src/alerts/domain/boundary-probe.ts',
    "import * as m from 'mongoose';\nexport { m };\n",
  ],
  domainMongodb: [
    'libs/contracts/src/domain/boundary-probe.ts',
    "import * as m from 'mongodb';\nexport { m };\n",
  ],
  domainKafka: [
    'apps/rules/src/alerts/domain/boundary-probe.ts',
    "import * as m from 'kafkajs';\nexport { m };\n",
  ],
  domainOtherApp: [
    'apps/rules/src/alerts/domain/boundary-probe.ts',
    "import { x } from '../../../../households/src/x';\nexport { x };\n",
  ],
  domainAllowed: [
    'apps/rules/src/alerts/domain/boundary-probe.ts',
    "import { z } from 'zod';\nimport { createEvent } from '@lib/contracts';\nexport { z, createEvent };\n",
  ],
} satisfies Record<string, [string, string]>;

describe('lint boundaries (eslint.config.mjs)', () => {
  let problems: Record<keyof typeof CASES, string[]>;

  beforeAll(() => {
    const names = Object.keys(CASES) as Array<keyof typeof CASES>;
    const cases = names.map((n) => [path.join(repoRoot, CASES[n][0]), CASES[n][1]]);
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', LINT, JSON.stringify(cases)], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const found = JSON.parse(out) as string[][];
    problems = Object.fromEntries(names.map((n, i) => [n, found[i]])) as typeof problems;
  }, 120_000);

  const refused = (reason: string) => [expect.stringContaining(reason)];

  it('refuses an app importing another app, and accepts its own files and the libs', () => {
    expect(problems.appImportsApp).toEqual(refused('an app never imports another app (households)'));
    expect(problems.appImportsAppByRoot).toEqual(refused('不得直接导入另一个应用'));
    expect(problems.appOwnAndLibs).toEqual([]);
  });

  it('refuses an app importing scripts/ (the demo owns its data)', () => {
    expect(problems.appImportsScripts).toEqual(refused('apps and libs never import scripts/'));
  });

  it('refuses a lib importing an app, and scripts importing an app’s code', () => {
    expect(problems.libImportsApp).toEqual(refused('a lib never imports an app'));
    expect(problems.scriptImportsApp).toEqual(refused('scripts use the apps through their API'));
  });

  it('lets the console reach only libs/contracts and the role table (its own areas are its own)', () => {
    expect(problems.consoleImportsAuth).toEqual(
      refused('the console imports only libs/contracts and the role table'),
    );
    expect(problems.consoleImportsApp).toEqual(refused('an app never imports another app (console)'));
    expect(problems.consoleAllowed).toEqual([]);
  });

  it('keeps domain/ pure: no NestJS, mongoose, mongodb or kafkajs; the app’s own zone still holds there', () => {
    for (const name of ['domainNest', 'domainMongoose', 'domainMongodb', 'domainKafka'] as const)
      expect(problems[name]).toEqual(refused('domain/ is pure'));
    expect(problems.domainOtherApp).toEqual(refused('an app never imports another app (rules)'));
    expect(problems.domainAllowed).toEqual([]);
  });
});
