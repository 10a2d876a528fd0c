import { ref } from 'vue';
import { download } from '@/api/client';
import { act } from '@/composables/loader';
import { useOrgUnits } from '@/stores/org-units';
import { LEDGER } from './api';
import { exportQuery, type HouseholdFilters } from './query';

/** 导出: the ledger of the filters and the selected unit as .xlsx, personal data masked by the API. */
export function useLedgerExport(filters: HouseholdFilters) {
  const units = useOrgUnits();
  const exporting = ref(false);
  async function exportLedger() {
    exporting.value = true;
    await act(
      () => download(`${LEDGER}/export`, '帮扶对象台账.xlsx', exportQuery(filters, units.selected)),
      '已导出（个人信息已脱敏）',
    );
    exporting.value = false;
  }
  return { exporting, exportLedger };
}
