import { labelOf } from '@lib/contracts/labels';

/**
 * What an audit entry's request did, in words an auditor reads: the actions people take by name
 * (确认预警, 导入台账 …), any other request as its method and the records it touched (查询 · 帮扶对象).
 */
const ACTIONS: Array<[method: string, path: RegExp, action: string]> = [
  ['POST', /^\/api\/v1\/auth\/login$/, '登录'],
  ['POST', /^\/api\/v1\/auth\/logout$/, '退出登录'],
  ['POST', /^\/api\/v1\/auth\/refresh$/, '续期登录'],
  ['POST', /^\/api\/v1\/users$/, '新建用户'],
  ['PATCH', /^\/api\/v1\/users\/[^/]+$/, '修改用户角色或状态'],
  ['POST', /^\/api\/v1\/integration-clients$/, '新建外部系统接入'],
  ['POST', /^\/api\/v1\/alerts\/[^/]+\/acknowledge$/, '确认预警'],
  ['POST', /^\/api\/v1\/alerts\/[^/]+\/resolve$/, '办结预警'],
  ['POST', /^\/api\/v1\/leaves\/[^/]+\/decision$/, '审批请假与公出'],
  ['POST', /^\/api\/v1\/leaves$/, '申请请假与公出'],
  ['POST', /^\/api\/v1\/fund-entries\/[^/]+\/decision$/, '审批经费支出'],
  ['POST', /^\/api\/v1\/household-ledger\/imports$/, '导入台账'],
  ['GET', /^\/api\/v1\/household-ledger\/export$/, '导出台账'],
  ['GET', /^\/api\/v1\/households\/[^/]+\/personal-data$/, '查看个人信息明文'],
  ['POST', /^\/api\/v1\/households$/, '新增帮扶对象户'],
  ['POST', /^\/api\/v1\/surveys$/, '录入走访'],
  ['POST', /^\/api\/v1\/rules\/dry-run$/, '试运行预警规则'],
  ['POST', /^\/api\/v1\/rules$/, '新建预警规则'],
  ['PUT', /^\/api\/v1\/rules\/[^/]+$/, '保存预警规则新版本'],
  ['PUT', /^\/api\/v1\/thresholds(\/.*)?$/, '调整监测范围'],
  ['POST', /^\/api\/v1\/channels\/[^/]+\/test$/, '发送测试消息'],
];

export function auditAction(method: string, path: string): string {
  const bare = path.split('?')[0];
  const named = ACTIONS.find(([m, re]) => m === method && re.test(bare));
  if (named) return named[2];
  const resource = /^\/api\/v1\/([^/?]+)/.exec(bare)?.[1];
  const what = resource ? labelOf('apiResource', resource) : '未知';
  return what === '未知' ? labelOf('httpMethod', method) : `${labelOf('httpMethod', method)} · ${what}`;
}
