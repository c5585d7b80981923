import { useCallback, useEffect, useState } from 'react';
import { apiGet, ApiError } from './api.js';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** GETs a path (null: nothing to fetch), again when it changes, every `refreshMs` if given; keeps the last data while reloading (no flash). */
export function useApi<T>(path: string | null, refreshMs?: number): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);
  const [settled, setSettled] = useState<string>();
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const key = `${path}#${tick}`;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    apiGet<T>(path, controller.signal)
      .then((answer) => {
        setData(answer);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)));
      })
      .finally(() => {
        if (!controller.signal.aborted) setSettled(`${path}#${tick}`);
      });
    return () => controller.abort();
  }, [path, tick]);

  useEffect(() => {
    if (!refreshMs || path === null) return;
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, path, reload]);

  return { data, error, loading: path !== null && settled !== key, reload };
}
