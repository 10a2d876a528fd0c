import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { Permissions, type Permission } from '@lib/contracts/permissions';
import type { RoleGrant } from '@lib/auth-roles';
import { post, useTokenSource, type Tokens } from '@/api/client';

export interface SignedInUser {
  id: string;
  username: string;
  displayName?: string;
  roles: RoleGrant[];
}

interface StoredSession extends Tokens {
  user: SignedInUser;
}

const KEY = 'ffp.session';

function load(): StoredSession | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as StoredSession | null;
  } catch {
    return null;
  }
}

/**
 * The signed-in user: tokens, roles and what they may do. `can` reads the same role table the services
 * enforce (libs/auth), so the console never offers an action the API would refuse.
 */
export const useSession = defineStore('session', () => {
  const state = ref<StoredSession | null>(load());
  const expiredNotice = ref('');

  function save(s: StoredSession | null) {
    state.value = s;
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
  }

  useTokenSource({
    tokens: () => state.value,
    refreshed: (t) => state.value && save({ ...state.value, ...t }),
    expired: () => {
      save(null);
      expiredNotice.value = '登录已过期，请重新登录';
    },
  });

  const user = computed(() => state.value?.user ?? null);
  const signedIn = computed(() => state.value !== null);
  const grants = computed(() => state.value?.user.roles ?? []);

  /** May the user do `permission`, anywhere in their scope, or for the record of `unit` when given? */
  function can(permission: Permission, unit?: string | null): boolean {
    const roles = Permissions[permission] as readonly string[];
    return grants.value.some(
      (g) => roles.includes(g.role) && (!unit || g.unit === '*' || unit.startsWith(g.unit)),
    );
  }
  const hasRole = (...roles: string[]) => grants.value.some((g) => roles.includes(g.role));

  /** The units of the user's grants, broadest first (the roots of their scope). */
  const scopeRoots = computed(() => {
    const units = [...new Set(grants.value.map((g) => g.unit))].sort((a, b) => a.length - b.length);
    return units.filter((u, i) => !units.slice(0, i).some((p) => p === '*' || u.startsWith(p)));
  });

  async function login(username: string, password: string) {
    const body = await post<Tokens & { user: SignedInUser }>('/api/v1/auth/login', { username, password });
    expiredNotice.value = '';
    save({ accessToken: body.accessToken, refreshToken: body.refreshToken, user: body.user });
  }

  async function logout() {
    const s = state.value;
    if (s) await post('/api/v1/auth/logout', { refreshToken: s.refreshToken }).catch(() => undefined);
    save(null);
  }

  return { user, signedIn, grants, scopeRoots, expiredNotice, can, hasRole, login, logout };
});
