/**
 * What importing a testimony does when the vault may already hold it: decided from the record
 * hashes of both histories, oldest first. Versions are recognised by content (the SHA-256 of the
 * canonical record), not by number, because numbers differ between vaults once they diverged.
 *
 *  - new:      the vault has no such testimony; every version is added.
 *  - same:     both heads are the same record; nothing changes.
 *  - older:    the archive's head is somewhere in the vault's history; the vault is ahead, nothing changes.
 *  - newer:    the vault's head is in the archive's history; the versions after it are appended.
 *  - conflict: both sides changed since their last common version (or share none): the vault's
 *              version stays current, the archive's versions after the common one are kept aside
 *              and flagged, never written over what is here.
 */
export type MergePlan =
  | { kind: 'new' }
  | { kind: 'same' }
  | { kind: 'older' }
  /** Append incoming[from…]. */
  | { kind: 'newer'; from: number }
  /** Keep incoming[from…] aside; `baseVersion` is the vault's version number of the common record (0: none). */
  | { kind: 'conflict'; from: number; baseVersion: number };

export function planMerge(local: readonly string[] | undefined, incoming: readonly string[]): MergePlan {
  if (incoming.length === 0) throw new Error('an archived testimony has at least one version');
  if (local === undefined || local.length === 0) return { kind: 'new' };
  const localHead = local[local.length - 1]!;
  const incomingHead = incoming[incoming.length - 1]!;
  if (localHead === incomingHead) return { kind: 'same' };
  if (local.includes(incomingHead)) return { kind: 'older' };
  const headInIncoming = incoming.lastIndexOf(localHead);
  if (headInIncoming >= 0) return { kind: 'newer', from: headInIncoming + 1 };
  const localSet = new Set(local);
  for (let index = incoming.length - 1; index >= 0; index -= 1) {
    if (localSet.has(incoming[index]!)) {
      return { kind: 'conflict', from: index + 1, baseVersion: local.lastIndexOf(incoming[index]!) + 1 };
    }
  }
  return { kind: 'conflict', from: 0, baseVersion: 0 };
}
