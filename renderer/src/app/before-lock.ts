/**
 * Work to finish before the page asks for a lock: the editor saves a pending valid change, so that a
 * quick lock does not throw away the last sentence typed. Bounded in time: locking must stay quick.
 */
type Flush = () => Promise<void>;
const flushes = new Set<Flush>();

export function registerBeforeLock(flush: Flush): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

export async function runBeforeLock(timeoutMs = 1500): Promise<void> {
  const all = Promise.allSettled([...flushes].map((flush) => flush()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}
