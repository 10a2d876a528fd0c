import { Role } from './roles';

/** Who may call the notifier app (推送渠道, 联系方式, 推送记录). */
export const NotifierPermissions = {
  readDeliveries: ['county-admin', 'town-official', 'inspector', 'auditor'],
  /** 推送渠道 (robots, SMS, email, webhooks per org unit): the county's and towns' administrators. */
  manageChannels: ['county-admin', 'town-official'],
  /** People's contacts for alerts (帮扶责任人 mobile/email): the administrators of their unit. */
  manageContacts: ['county-admin', 'town-official', 'village-cadre'],
} satisfies Record<string, Role[]>;
