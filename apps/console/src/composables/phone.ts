import { onBeforeUnmount, ref } from 'vue';

const QUERY = '(max-width: 768px)';

/** True on a phone-sized screen (390×844): one column, menu in a drawer, tables as cards. */
export function useIsPhone() {
  const mql = window.matchMedia(QUERY);
  const isPhone = ref(mql.matches);
  const onChange = (e: MediaQueryListEvent) => (isPhone.value = e.matches);
  mql.addEventListener('change', onChange);
  onBeforeUnmount(() => mql.removeEventListener('change', onChange));
  return isPhone;
}
