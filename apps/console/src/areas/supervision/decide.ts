import { ElMessageBox } from 'element-plus';
import { post } from '@/api/client';
import { act } from '@/composables/loader';

/**
 * 批准 / 驳回 a request (leave or spending) after a confirmation dialog; a rejection asks for its
 * reason. Resolves to true when the decision was recorded.
 */
export async function decide(
  path: string,
  approve: boolean,
  what: string,
  decidedBy: string,
): Promise<boolean> {
  let note: string | null = null;
  try {
    const answer = await ElMessageBox.prompt(
      approve ? `确定批准${what}？批准后不可撤销。可填写审批意见：` : `确定驳回${what}？请填写驳回理由：`,
      approve ? '批准' : '驳回',
      {
        confirmButtonText: approve ? '批准' : '驳回',
        cancelButtonText: '取消',
        inputPlaceholder: approve ? '审批意见（可空）' : '驳回理由',
        inputValidator: (v: string) =>
          (!approve && !v?.trim() ? '请填写驳回理由' : (v?.length ?? 0) > 1000 ? '最多 1000 个字' : true),
        type: approve ? 'info' : 'warning',
      },
    );
    note = (answer as { value: string }).value?.trim() || null;
  } catch {
    return false; // cancelled
  }
  return act(() => post(path, { approve, decidedBy, note }), approve ? '已批准' : '已驳回');
}
