import { reactive } from 'vue';
import { ApiError } from '@/api/client';

/**
 * The API's field errors of a form, keyed by the field's path without list positions
 * (`geofence.latitude`, `findings.0.finding` → `findings.finding`), for `<el-form-item :error="errors.x">`. `run` wraps the call: it
 * clears the old errors, records the new ones and rethrows (so `act` still shows the message).
 */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({});
  const clear = () => Object.keys(errors).forEach((k) => delete errors[k]);
  async function run<T>(call: () => Promise<T>): Promise<T> {
    clear();
    try {
      return await call();
    } catch (e) {
      if (e instanceof ApiError)
        for (const p of e.problems) {
          const name = p.field.split('.').filter((s) => !/^\d+$/.test(s)).join('.');
          errors[name] ??= p.reason;
        }
      throw e;
    }
  }
  return { errors, clear, run };
}
