/**
 * What the handlers need from whoever hosts them (the main process, app-shell's worker, the test
 * harness), and the state they keep: the unlocked vault and the services over it, held in this
 * module's memory only and dropped on vault:lock.
 *
 * Plain Node: nothing here imports `electron`.
 */
import { UserError } from '@shared/errors';
import type { ProgressEvent } from '@shared/ipc/events';
import type { Vault } from '../../services/vault/vault';
import { TestimonyService } from '../../services/testimony/testimony-service';
import { SearchService } from '../../services/search/search-service';
import { AttachmentService } from '../../services/attachments/attachment-service';
import { StatisticsService } from '../../services/statistics/statistics-service';
import { AuditQuery } from '../../services/audit/audit-query';
import { ArchiveService } from '../../services/archive/archive-service';
import { ReviewService } from '../../services/redaction/review-service';
import { ReleaseService } from '../../services/redaction/release-service';
import { archiveReleaseProvider } from '../../services/redaction/archive-release-provider';

export interface HandlerContext {
  /** The vault's folder: vault:create makes it, vault:unlock opens it. The page never names a path. */
  vaultDir: string;
  /** Sends a progress event to the page (`window.tw.onProgress`). */
  emitProgress(event: ProgressEvent): void;
  /**
   * The main process's native file dialog: resolves to the chosen files' paths (none if cancelled).
   * Absent where there is no dialog (tests, the browser harness): attachment:add-from-dialog then
   * answers "not-available" and the page uploads through its own file input.
   */
  chooseFiles?: (options: { title: string }) => Promise<string[]>;
  /** The native folder dialog: the chosen folder, or undefined if cancelled. Absent like chooseFiles. */
  chooseFolder?: (options: { title: string }) => Promise<string | undefined>;
  /**
   * The native save dialog, offering `defaultName` (a bare file name): the path of the new file, or
   * undefined if cancelled. Absent like chooseFiles.
   */
  chooseSaveLocation?: (options: { title: string; defaultName: string }) => Promise<string | undefined>;
}

/** The services over one unlocked vault. */
export interface OpenServices {
  vault: Vault;
  testimonies: TestimonyService;
  search: SearchService;
  attachments: AttachmentService;
  statistics: StatisticsService;
  audit: AuditQuery;
  archives: ArchiveService;
  review: ReviewService;
  releases: ReleaseService;
}

/** Something that holds decrypted data or an open stream and must be dropped on lock. */
export interface Disposable {
  /** Stops at once; the promise (if any) settles once its leftovers (a partial file) are gone. */
  dispose(): void | Promise<void>;
}

/** How long a lock waits for cancelled uploads to remove their partial (encrypted) files. */
const CLEANUP_WAIT_MS = 5000;

export class HandlerState {
  private open: OpenServices | undefined;
  /** Uploads and reads in progress, by id; all dropped on lock. */
  readonly sessions = new Map<string, Disposable>();
  /** Serialises create/unlock/lock so that two calls never race over which vault is open. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly context: HandlerContext) {}

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get isUnlocked(): boolean {
    return this.open !== undefined && !this.open.vault.isLocked;
  }

  /** The services, or a "vault-locked" refusal the page shows by going back to the unlock screen. */
  services(): OpenServices {
    if (!this.open || this.open.vault.isLocked) throw new UserError('vault-locked', 'The vault is locked');
    return this.open;
  }

  vaultOrUndefined(): Vault | undefined {
    return this.isUnlocked ? this.open!.vault : undefined;
  }

  /** Takes over a freshly opened vault; the caller has dropped the previous one (drop()). */
  adopt(vault: Vault): void {
    this.open?.vault.lock();
    this.open = {
      vault,
      testimonies: new TestimonyService(vault),
      search: new SearchService(vault),
      attachments: new AttachmentService(vault),
      statistics: new StatisticsService(vault),
      audit: new AuditQuery(vault),
      // A redacted export seals approved releases (docs/redaction.md, "For export").
      archives: new ArchiveService(vault, { releases: archiveReleaseProvider(vault) }),
      review: new ReviewService(vault),
      releases: new ReleaseService(vault),
    };
  }

  /**
   * Ends every upload and read, closes the database and zeroes its key (at once, before anything
   * is awaited), then waits, bounded, for cancelled uploads to remove their partial files.
   */
  async drop(): Promise<void> {
    const cleanups: Array<Promise<void>> = [];
    for (const session of this.sessions.values()) {
      try {
        const cleanup = session.dispose();
        if (cleanup) cleanups.push(cleanup);
      } catch {
        // Disposing must go on for the rest: locking may not stop half-way.
      }
    }
    this.sessions.clear();
    const open = this.open;
    this.open = undefined;
    open?.vault.lock();
    if (cleanups.length > 0) {
      await Promise.race([Promise.allSettled(cleanups), new Promise((resolve) => setTimeout(resolve, CLEANUP_WAIT_MS).unref?.())]);
    }
  }
}
