import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, fetchAhead } from './client';
import type { CaseDetail, CaseItem, CaseStatus, Page, Policy, Unit } from './types';

/** How often lists refresh themselves ("live updates, no manual refresh"). */
export const POLL_MS = 5000;

export interface Polled<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  updatedAt: Date | undefined;
  reload: () => void;
}

/**
 * Loads `load()` now and every `intervalMs` while the tab is visible, again at once when `key`
 * changes (filters), on `reload()` and when the tab becomes visible. A slow answer never overlaps
 * the next poll. A new `intervalMs` reschedules the next poll without loading now.
 */
export function usePoll<T>(load: () => Promise<T>, key: string, intervalMs = POLL_MS): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; updatedAt?: Date; key?: string }>({});
  const loadRef = useRef(load);
  loadRef.current = load;
  const intervalRef = useRef(intervalMs);
  const rescheduleRef = useRef<() => void>(() => undefined);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let stopped = false;
    let running = false;
    let lastDone = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), Math.max(0, lastDone + intervalRef.current - Date.now()));
    };
    const run = async () => {
      if (stopped) return;
      clearTimeout(timer);
      running = true;
      if (document.visibilityState === 'visible') {
        try {
          const data = await loadRef.current();
          if (!stopped) setState({ data, updatedAt: new Date(), key });
        } catch (e) {
          if (!stopped)
            setState((s) => ({ ...s, error: e instanceof Error ? e : new Error(String(e)), key }));
        }
      }
      running = false;
      lastDone = Date.now();
      if (!stopped) schedule();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible' && !running) void run();
    };
    rescheduleRef.current = () => {
      if (!stopped && !running) schedule();
    };
    void run();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [key, tick]);

  useEffect(() => {
    intervalRef.current = intervalMs;
    rescheduleRef.current();
  }, [intervalMs]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return {
    data: state.data,
    error: state.error,
    loading: state.key !== key,
    updatedAt: state.updatedAt,
    reload,
  };
}

/** The current time, ticking (for live countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

let unitsPromise: Promise<Unit[]> | undefined;

/** The unit directory (departments and street offices), loaded once per page load. */
export function loadUnits(): Promise<Unit[]> {
  unitsPromise ??= api<Page<Unit>>('/api/v1/directory/units', { query: { active: true } })
    .then((p) => p.items)
    .catch((e: unknown) => {
      unitsPromise = undefined;
      throw e;
    });
  return unitsPromise;
}

/** The unit directory as React state (empty until loaded). */
export function useUnits(): { units: Unit[]; byCode: Map<string, Unit> } {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    let live = true;
    loadUnits()
      .then((u) => live && setUnits(u))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const byCode = useMemo(() => new Map(units.map((u) => [u.code, u])), [units]);
  return { units, byCode };
}

/** Forgets cached reference data (after a logout: another user may see other units). */
export function forgetCachedReferenceData(): void {
  unitsPromise = undefined;
  detailCache.clear();
  policyCache.clear();
}

/** Registry policies by `id:<uuid>` or `doc:<文号>`, loaded once per page load (null: not registered). */
const policyCache = new Map<string, Promise<Policy | null>>();

function fetchPolicy(key: string): Promise<Policy | null> {
  let p = policyCache.get(key);
  if (!p) {
    const [kind, ref] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    p =
      kind === 'id'
        ? api<Policy>(`/api/v1/policies/${ref}`)
        : api<Page<Policy>>('/api/v1/policies', { query: { q: ref, limit: 5 } }).then(
            (page) => page.items.find((x) => x.docNo === ref) ?? null,
          );
    p = p.catch(() => {
      policyCache.delete(key);
      return null;
    });
    policyCache.set(key, p);
  }
  return p;
}

/** The registry's policy with this id or 文号: its title and 一网通办 service items (undefined while loading). */
export function usePolicy(ref: { id?: string | null; docNo?: string | null }): Policy | null | undefined {
  const key = ref.id ? `id:${ref.id}` : ref.docNo ? `doc:${ref.docNo}` : '';
  const [found, setFound] = useState<{ key: string; policy: Policy | null }>();
  useEffect(() => {
    if (!key) return;
    let live = true;
    void fetchPolicy(key).then((policy) => live && setFound({ key, policy }));
    return () => {
      live = false;
    };
  }, [key]);
  if (!key) return null;
  return found?.key === key ? found.policy : undefined;
}

/** Every case in the given statuses (one request per status, merged), with the list filters. */
export async function listCases(
  statuses: readonly CaseStatus[] | undefined,
  filters: Record<string, string | undefined>,
  limit = 200,
): Promise<{ items: CaseItem[]; total: number }> {
  const one = (status?: CaseStatus) =>
    api<Page<CaseItem>>('/api/v1/cases', { query: caseListQuery(filters, status, limit) });
  const pages = await Promise.all(statuses ? statuses.map((s) => one(s)) : [one()]);
  return {
    items: pages.flatMap((p) => p.items),
    total: pages.reduce((n, p) => n + p.total, 0),
  };
}

/** The requests of {@link listCases}, sent ahead of the page that will make them (see `fetchAhead`). */
export async function listCasesAhead(
  statuses: readonly CaseStatus[] | undefined,
  filters: Record<string, string | undefined>,
  limit = 200,
): Promise<CaseItem[]> {
  const pages = await Promise.all(
    (statuses ?? [undefined]).map((status) =>
      fetchAhead<Page<CaseItem>>('/api/v1/cases', caseListQuery(filters, status, limit)),
    ),
  );
  return pages.flatMap((p) => p.items);
}

function caseListQuery(
  filters: Record<string, string | undefined>,
  status: CaseStatus | undefined,
  limit: number,
) {
  return { ...filters, status, limit };
}

/** Case details by `id@version`: a case is read again only after it changed. */
const detailCache = new Map<string, Promise<CaseDetail>>();

export function fetchCaseDetail(c: { id: string; version: number }): Promise<CaseDetail> {
  const key = `${c.id}@${c.version}`;
  let p = detailCache.get(key);
  if (!p) {
    p = api<CaseDetail>(`/api/v1/cases/${c.id}`);
    p.catch(() => detailCache.delete(key));
    detailCache.set(key, p);
    if (detailCache.size > 2000) detailCache.delete(detailCache.keys().next().value!);
  }
  return p;
}

/**
 * The full case (routing, warnAt, the reply draft) of the first `max` listed cases, fetched a few
 * at a time and kept until the case's version changes. The list route does not carry those.
 */
export function useCaseDetails(cases: readonly CaseItem[], max = 100): Map<string, CaseDetail> {
  const [details, setDetails] = useState<Map<string, CaseDetail>>(new Map());
  const wanted = cases.slice(0, max);
  const key = wanted.map((c) => `${c.id}@${c.version}`).join(',');
  useEffect(() => {
    let live = true;
    const queue = key ? key.split(',') : [];
    const found = new Map<string, CaseDetail>();
    const wantedIds = new Set(queue.map((k) => k.split('@')[0]));
    // Shown as they arrive (the first at once, then in batches), the earlier details of cases still
    // listed kept meanwhile; once all are in, exactly those.
    let batch: ReturnType<typeof setTimeout> | undefined;
    const publish = () => {
      batch = undefined;
      if (!live) return;
      setDetails((shown) => {
        const next = new Map(found);
        for (const [id, d] of shown) if (!next.has(id) && wantedIds.has(id)) next.set(id, d);
        return next;
      });
    };
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const [id, version] = next.split('@');
        try {
          found.set(id, await fetchCaseDetail({ id, version: Number(version) }));
          batch ??= setTimeout(publish, found.size === 1 ? 0 : 150);
        } catch {
          /* shown without its details; tried again on the next poll */
        }
      }
    };
    void Promise.all([worker(), worker(), worker(), worker()]).then(() => {
      clearTimeout(batch);
      if (live) setDetails(found);
    });
    return () => {
      live = false;
      clearTimeout(batch);
    };
  }, [key]);
  return details;
}
