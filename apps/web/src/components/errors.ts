import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';

/** Shows a refused or failed request as a message: the API's own text (409, 403, 400 fields). */
export function useShowError(): (e: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) return; // the login page says it
      const text = e instanceof Error ? e.message : String(e);
      void message.error({ content: e instanceof ApiError ? `${e.status} · ${text}` : text, duration: 6 });
    },
    [message],
  );
}
