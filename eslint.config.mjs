// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/**
 * Boundaries the linter keeps (CONTRIBUTING.md): an app never imports another app nor scripts/, a lib
 * never imports an app, the console reaches only libs/contracts and libs/auth's role table, and a
 * domain/ folder imports no framework, database or broker. Imports are matched as written (ESLint's
 * no-restricted-imports), so the zones name the other apps' folders however far up a relative path climbs.
 */
const APPS = ['console', 'gateway', 'households', 'monitoring', 'notifier', 'projects', 'requests', 'rules', 'supervision'];
const otherApps = (app) => APPS.filter((a) => a !== app).join('|');
const noScripts = {
  regex: '(^|/)scripts/',
  message: '应用与公共库不得依赖 scripts/（演示与运维脚本归脚本所有） — apps and libs never import scripts/.',
};
const appZone = (app) => [
  {
    regex: `^(\\.\\./)+(apps/)?(${otherApps(app)})/(src|test)(/|$)`,
    message: `应用之间只经 Kafka 事件与 HTTP 往来，不得直接导入另一个应用 — an app never imports another app (${app}): share it through libs/ instead.`,
  },
  noScripts,
];
const libZone = [
  {
    regex: '(^|/)apps/',
    message: '公共库不得导入应用 — a lib never imports an app.',
  },
  noScripts,
];
/** The demo and operations scripts use the platform as a client does (its HTTP API), never an app's code. */
const scriptZone = [
  {
    regex: '(^|/)apps/',
    message: '脚本经 HTTP 接口使用平台，不得导入应用内部代码 — scripts use the apps through their API, never their code.',
  },
];
const consoleZone = [
  ...appZone('console'),
  {
    regex: '^@lib/(?!contracts(/|$)|auth-roles$)',
    message: '控制台只可使用 @lib/contracts 与 @lib/auth-roles — the console imports only libs/contracts and the role table.',
  },
  {
    regex: '(^|/)libs/',
    message: '控制台经别名 @lib/contracts、@lib/auth-roles 使用公共库 — the console reaches libs through its aliases only.',
  },
];
const domainZone = [
  {
    group: ['@nestjs/*', 'mongoose', 'mongoose/*', 'mongodb', 'mongodb/*', 'kafkajs', 'kafkajs/*'],
    message: 'domain/ 只放纯领域逻辑，不得导入 NestJS、mongoose、mongodb 或 kafkajs — domain/ is pure: no framework, database or broker.',
  },
];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
/** One block per zone; a domain/ folder adds its own zone to its app's (a later block replaces a rule's options). */
const boundaries = [
  ...APPS.flatMap((app) => {
    const zone = app === 'console' ? consoleZone : appZone(app);
    return [
      { files: [`apps/${app}/**/*.{ts,mts,vue}`], rules: restrict(zone) },
      // an app's own tests may load the demo's data (scripts/demo) as their fixture; its code never
      { files: [`apps/${app}/test/**/*.ts`], rules: restrict(zone.filter((p) => p !== noScripts)) },
      { files: [`apps/${app}/**/domain/**/*.{ts,vue}`], rules: restrict([...zone, ...domainZone]) },
    ];
  }),
  { files: ['libs/**/*.ts'], rules: restrict(libZone) },
  { files: ['scripts/**/*.ts'], rules: restrict(scriptZone) },
  { files: ['libs/**/domain/**/*.ts'], rules: restrict([...libZone, ...domainZone]) },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local/**', 'coverage/**', 'deploy/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // the console: Vue single-file components in TypeScript, in the browser
    files: ['apps/console/**/*.{ts,vue}'],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    rules: {
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/require-default-prop': 'off',
    },
  },
  ...boundaries,
  {
    // ESLint 10's recommended no-useless-assignment does not see a value used only in a parameter
    // decorator's arguments (@Param('id', new ZodValidationPipe(Id))): typescript-eslint#12407
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['apps/console/**'],
    rules: { 'no-useless-assignment': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'no-console': 'off' },
  },
);
