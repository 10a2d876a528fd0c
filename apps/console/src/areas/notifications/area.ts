import { Bell } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 消息推送: the delivery log with counts, each unit's channels (with a test message), cadres' contacts. */
export const area: AreaDefinition = {
  key: 'notifications',
  title: '消息推送',
  icon: Bell,
  order: 42,
  routes: [
    {
      path: 'notifications/deliveries',
      name: 'deliveries',
      component: () => import('./DeliveriesPage.vue'),
      meta: { title: '推送记录', permission: 'readDeliveries' },
    },
    {
      path: 'notifications/channels',
      name: 'channels',
      component: () => import('./ChannelsPage.vue'),
      meta: { title: '推送渠道', permission: 'manageChannels' },
    },
    {
      path: 'notifications/contacts',
      name: 'contacts',
      component: () => import('./ContactsPage.vue'),
      meta: { title: '联系方式', permission: 'manageContacts' },
    },
  ],
};
