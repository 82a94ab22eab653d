/**
 * Waits for an asynchronous effect instead of sleeping: polls `probe` until it returns a value
 * that is not undefined/false, and returns it; fails with the last value seen after `timeoutMs`.
 */
export async function expectEventually<T>(
  probe: () => Promise<T | undefined | false>,
  {
    timeoutMs = 15000,
    intervalMs = 100,
    what = 'condition',
  }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      last = v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const detail =
        lastError instanceof Error
          ? `last error: ${lastError.message}`
          : `last value: ${JSON.stringify(last)}`;
      throw new Error(`${what} not reached within ${timeoutMs} ms (${detail})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
