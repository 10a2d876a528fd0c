/**
 * The one way the console talks to the platform: fetch through the gateway with the signed-in user's
 * access token, one refresh on 401, and refusals turned into ApiError with the API's Chinese message
 * and the fields it names.
 */
export interface Problem {
  field: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
    /** The rest of the refusal's body (e.g. a 409's existingSurveyId). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
  /** The reason the API gave for one field, if it named it. */
  forField(field: string): string | undefined {
    return this.problems.find((p) => p.field === field || p.field.startsWith(`${field}.`))?.reason;
  }
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

interface TokenSource {
  tokens(): Tokens | null;
  refreshed(t: Tokens): void;
  expired(): void;
}

let source: TokenSource = { tokens: () => null, refreshed: () => {}, expired: () => {} };
/** The session store registers itself here (no import cycle between the store and the client). */
export function useTokenSource(s: TokenSource) {
  source = s;
}

const FALLBACK: Record<number, string> = {
  400: '输入有误',
  401: '登录已过期，请重新登录',
  403: '无权进行此操作',
  404: '未找到该记录，或不在您的管辖范围',
  409: '记录已存在或已被他人修改',
  413: '文件或内容过大',
  429: '请求过于频繁，请稍后再试',
  502: '服务暂不可用，请稍后再试',
};

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { message?: unknown; problems?: Problem[] } | null;
  const message =
    typeof body?.message === 'string'
      ? body.message
      : Array.isArray(body?.message)
        ? body.message.join('；')
        : (FALLBACK[res.status] ?? `请求失败（${res.status}）`);
  return new ApiError(res.status, message, Array.isArray(body?.problems) ? body.problems : [], body ?? {});
}

let refreshing: Promise<boolean> | null = null;
async function refresh(): Promise<boolean> {
  const t = source.tokens();
  if (!t) return false;
  refreshing ??= fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: t.refreshToken }),
  })
    .then(async (res) => {
      if (!res.ok) return false;
      const body = (await res.json()) as Tokens;
      source.refreshed({ accessToken: body.accessToken, refreshToken: body.refreshToken });
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

async function send(method: string, path: string, body: BodyInit | undefined, headers: Record<string, string>) {
  const call = () => {
    const t = source.tokens();
    return fetch(path, {
      method,
      headers: { ...headers, ...(t ? { authorization: `Bearer ${t.accessToken}` } : {}) },
      body,
    });
  };
  let res = await call();
  if (res.status === 401 && (await refresh())) res = await call();
  if (res.status === 401) source.expired();
  return res;
}

/** A JSON call; resolves to the parsed body (undefined for 204). */
export async function api<T = unknown>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const res = await send(
    method,
    withQuery(path, query),
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? {} : { 'content-type': 'application/json' },
  );
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T = unknown>(path: string, query?: Query) => api<T>('GET', path, undefined, query);
export const post = <T = unknown>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T = unknown>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {});
export const patch = <T = unknown>(path: string, body?: unknown) => api<T>('PATCH', path, body ?? {});
export const del = <T = unknown>(path: string) => api<T>('DELETE', path);

/** Uploads a file as the request body (e.g. an .xlsx ledger), streamed by the gateway to the app. */
export async function upload<T = unknown>(path: string, file: Blob, contentType: string): Promise<T> {
  const res = await send('POST', path, file, { 'content-type': contentType });
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

/** Downloads a file the API answers with (an export) and hands it to the browser under `filename`. */
export async function download(path: string, filename: string, query?: Query): Promise<void> {
  const res = await send('GET', withQuery(path, query), undefined, {});
  if (!res.ok) throw await errorOf(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Items of a list answer, whatever its envelope ({items}, {data}, or a bare array). */
export function itemsOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const b = body as { items?: T[]; data?: T[] } | null;
  return b?.items ?? b?.data ?? [];
}
