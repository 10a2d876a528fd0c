import { ref, type Ref } from 'vue';
import type { FormInstance } from 'element-plus';
import { act } from '@/composables/loader';
import { fieldErrors } from './rules';

/**
 * A form's save: validate with the form's rules, run the call, show 成功 or the API's reason, and keep
 * the API's field errors (by field, `prefix` stripped) for the form items to show.
 */
export function useSubmit(form: Ref<FormInstance | undefined>) {
  const saving = ref(false);
  const errors = ref<Record<string, string>>({});
  async function submit(run: () => Promise<unknown>, success: string): Promise<boolean> {
    if (!(await form.value?.validate().catch(() => false))) return false;
    saving.value = true;
    errors.value = {};
    const ok = await act(async () => {
      try {
        await run();
      } catch (e) {
        errors.value = fieldErrors(e);
        throw e;
      }
    }, success);
    saving.value = false;
    return ok;
  }
  return { saving, errors, submit };
}
