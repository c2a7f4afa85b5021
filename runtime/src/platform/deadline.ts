/**
 * Bounds how long a request waits for the store. A frozen or unreachable Redis must not hold a
 * webhook (Meta retries a 503 — the dedupe keys make the retry safe even when the late command
 * does land) or a probe for seconds. The command itself is not cancelled: it completes or fails
 * on its own; only the waiting stops.
 */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
