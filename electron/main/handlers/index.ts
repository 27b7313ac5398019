/**
 * The services' side of the IPC contract: `createServiceHandlers(context)` answers every channel the
 * UI uses except app:info (the main process's own). One file per feature; each call checks roles
 * through the services (Vault.require), never here alone.
 *
 * Plain Node, no `electron` import: app-shell's worker host loads it, so may the main process, and
 * the tests (electron/main/handlers/*.test.ts, tests/e2e) call it directly with real vaults.
 * The unlocked vault lives in this module's memory (HandlerState) and is dropped on vault:lock.
 */
import type { IpcHandlers } from '../../host/types';
import { HandlerState, type HandlerContext } from './context';
import { vaultHandlers } from './vault-handlers';
import { testimonyHandlers } from './testimony-handlers';
import { searchHandlers } from './search-handlers';
import { attachmentHandlers } from './attachment-handlers';
import { userHandlers } from './user-handlers';
import { reviewHandlers } from './review-handlers';
import { archiveHandlers } from './archive-handlers';
import { keyHandlers } from './keys-handlers';

export type { HandlerContext } from './context';

export function createServiceHandlers(context: HandlerContext): Partial<IpcHandlers> {
  const state = new HandlerState(context);
  return {
    ...vaultHandlers(state),
    ...testimonyHandlers(state),
    ...searchHandlers(state),
    ...attachmentHandlers(state),
    ...userHandlers(state),
    ...reviewHandlers(state),
    ...archiveHandlers(state),
    ...keyHandlers(state),
  };
}
