import { Wallet } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';
import { LEDGERS } from './ledgers';

/** 帮扶台账: 公益岗位, 小额信贷, 雨露计划, 易地搬迁后续扶持, 消费帮扶, 村集体经济 (one page each). */
export const area: AreaDefinition = {
  key: 'assistance',
  title: '帮扶台账',
  icon: Wallet,
  order: 55,
  routes: LEDGERS.map((l) => ({
    path: `assistance/${l.path}`,
    name: `assistance-${l.path}`,
    component: () => import('./LedgerPage.vue'),
    props: { ledger: l.key },
    meta: { title: l.title, permission: 'readLedgers' as const },
  })),
};
