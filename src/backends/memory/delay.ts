export function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** Waits `ms` like a slow network would, rejecting with an AbortError as fetch does when the signal fires. */
export function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(abortError());
      else resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
