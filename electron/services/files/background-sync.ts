/**
 * fdatasyncs of a file being written, one at a time in the background, every SYNC_EVERY_BYTES.
 * Otherwise a large file sits in the page cache until the final fsync and the disk idles while we
 * encrypt; syncing as we go overlaps the two and bounds the dirty data a crash can lose. The
 * writes themselves may come from this thread or from a cipher worker: both write the same file.
 * The final fsync stays the caller's, after whichever writer ran.
 */
import type { FileHandle } from 'node:fs/promises';

export const SYNC_EVERY_BYTES = 64 * 1024 * 1024;

export class BackgroundSync {
  private unsyncedBytes = 0;
  private inFlight: Promise<void> | undefined;
  private error: Error | undefined;

  constructor(private readonly handle: FileHandle) {}

  /** Throws the error of a background sync that failed: the file cannot be trusted to be durable. */
  check(): void {
    if (this.error) throw this.error;
  }

  /** Counts bytes written (or handed to a worker to write); starts a sync when enough are unsynced. */
  wrote(bytes: number): void {
    this.unsyncedBytes += bytes;
    if (this.unsyncedBytes < SYNC_EVERY_BYTES || this.inFlight !== undefined) return;
    this.unsyncedBytes = 0;
    this.inFlight = this.handle.datasync().then(
      () => {
        this.inFlight = undefined;
      },
      (error: Error) => {
        this.inFlight = undefined;
        this.error ??= error;
      },
    );
  }

  /** Waits for the background sync; throws if any failed. */
  async finish(): Promise<void> {
    await this.inFlight;
    this.check();
  }

  /** Waits for the background sync without caring how it ended (a failed write's clean-up; before the handle is closed). */
  async settle(): Promise<void> {
    await this.inFlight;
  }
}
