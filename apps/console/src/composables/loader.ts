import { ref, type Ref } from 'vue';
import { ElMessage } from 'element-plus';
import { ApiError } from '@/api/client';

/**
 * A page's data: loading flag, error text (Chinese, from the API) and a reload. Pages show `error` in
 * an el-alert; a 403 means the page is not for this user (the router keeps them away; this is the
 * second line).
 */
export function useLoader<T>(fetcher: () => Promise<T>, initial: T) {
  const data = ref(initial) as Ref<T>;
  const loading = ref(false);
  const error = ref('');
  async function reload() {
    loading.value = true;
    error.value = '';
    try {
      data.value = await fetcher();
    } catch (e) {
      error.value = e instanceof ApiError ? e.message : '加载失败，请检查网络后重试';
    } finally {
      loading.value = false;
    }
  }
  return { data, loading, error, reload };
}

/** Runs an action, shows 成功 or the API's reason; resolves to true when it worked. */
export async function act(run: () => Promise<unknown>, success = '操作成功'): Promise<boolean> {
  try {
    await run();
    ElMessage.success(success);
    return true;
  } catch (e) {
    ElMessage.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试');
    return false;
  }
}
