/**
 * Attachments over IPC. A file arrives in chunks (attachment:upload-*) and is piped as it comes into
 * the attachment service, which encrypts it to the vault: nothing plaintext is written anywhere and
 * no message holds more than MAX_CHUNK_BYTES. Reading back works the same way in reverse.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { UserError } from '@shared/errors';
import { MAX_CHUNK_BYTES } from '@shared/ipc/contract';
import type { AttachmentInfo, AttachmentService } from '../../services/attachments/attachment-service';
import { statUserFile } from '../../services/files/regular-file';
import type { IpcHandlers } from '../../host/types';
import type { Disposable, HandlerState, OpenServices } from './context';

/** Bytes gathered into one read-chunk answer: few messages, none near the limit. */
const READ_ANSWER_BYTES = 768 * 1024;
/** Progress of a file read from disk is reported at most this often. */
const PROGRESS_EVERY_BYTES = 4 * 1024 * 1024;

class Upload implements Disposable {
  // Room for two chunks: the page sends the next one while the service encrypts this one.
  private readonly stream = new PassThrough({ highWaterMark: 2 * MAX_CHUNK_BYTES });
  private failure: unknown;
  private settled = false;
  readonly result: Promise<AttachmentInfo>;
  received = 0;

  constructor(attachments: AttachmentService, testimonyId: string, options: { fileName: string; mediaType?: string }) {
    // The service may not have attached its pipeline yet when a cancel destroys the stream; its
    // error is reported through `result`, so an unheard 'error' event must not crash the process.
    this.stream.on('error', () => undefined);
    this.result = attachments.attach(testimonyId, this.stream, options);
    this.result.then(
      () => (this.settled = true),
      (error: unknown) => {
        this.settled = true;
        this.failure = error;
      },
    );
  }

  async write(bytes: Uint8Array): Promise<number> {
    if (this.failure) throw this.failure;
    if (this.settled) throw new UserError('upload-finished', 'This upload has already ended');
    this.received += bytes.byteLength;
    if (!this.stream.write(bytes)) {
      await Promise.race([once(this.stream, 'drain'), this.result.catch(() => undefined)]);
    }
    if (this.failure) throw this.failure;
    return this.received;
  }

  finish(): Promise<AttachmentInfo> {
    this.stream.end();
    return this.result;
  }

  /** Aborts; settles once the service has removed its partial (encrypted) file. */
  dispose(): Promise<void> {
    if (!this.settled) this.stream.destroy(new UserError('upload-cancelled', 'The upload was cancelled'));
    return this.result.then(
      () => undefined,
      () => undefined,
    );
  }
}

class AttachmentRead implements Disposable {
  private readonly iterator: AsyncIterator<Buffer>;
  private carry: Buffer = Buffer.alloc(0);
  private finished = false;

  constructor(private readonly stream: Readable) {
    this.iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  async next(): Promise<{ bytes: Buffer; done: boolean }> {
    const parts: Buffer[] = [this.carry];
    let size = this.carry.length;
    while (!this.finished && size < READ_ANSWER_BYTES) {
      const step = await this.iterator.next();
      if (step.done) {
        this.finished = true;
        break;
      }
      parts.push(step.value);
      size += step.value.length;
    }
    const all = Buffer.concat(parts, size);
    const bytes = all.subarray(0, MAX_CHUNK_BYTES);
    this.carry = all.subarray(bytes.length);
    return { bytes, done: this.finished && this.carry.length === 0 };
  }

  dispose(): void {
    this.stream.destroy();
  }
}

function session<T extends Disposable>(state: HandlerState, id: string, kind: new (...args: never[]) => T): T {
  const found = state.sessions.get(id);
  if (!(found instanceof kind)) throw new UserError('no-such-transfer', 'This transfer has ended (was the vault locked?)');
  return found;
}

/** Checks before a transfer starts, so that a refusal comes at once rather than after the bytes. */
function assertMayAttach(services: OpenServices, testimonyId: string): void {
  services.vault.require('attachment.write');
  services.testimonies.versions(testimonyId);
}

/** A file from disk as a stream that reports how far it has got. */
function readWithProgress(state: HandlerState, file: string, size: number): Readable {
  const id = crypto.randomUUID();
  async function* chunks(): AsyncGenerator<Buffer> {
    let done = 0;
    let reported = 0;
    for await (const chunk of fs.createReadStream(file)) {
      done += (chunk as Buffer).length;
      if (done - reported >= PROGRESS_EVERY_BYTES) {
        reported = done;
        state.context.emitProgress({ type: 'progress', operation: 'attachment-add', id, done, total: size });
      }
      yield chunk as Buffer;
    }
    state.context.emitProgress({ type: 'progress', operation: 'attachment-add', id, done, total: size });
  }
  return Readable.from(chunks());
}

export function attachmentHandlers(state: HandlerState): Partial<IpcHandlers> {
  return {
    'attachment:list': (request) => ({ attachments: state.services().attachments.list(request.testimonyId) }),

    'attachment:upload-begin': (request) => {
      const services = state.services();
      assertMayAttach(services, request.testimonyId);
      const uploadId = crypto.randomUUID();
      const upload = new Upload(services.attachments, request.testimonyId, {
        fileName: request.fileName,
        ...(request.mediaType ? { mediaType: request.mediaType } : {}),
      });
      state.sessions.set(uploadId, upload);
      return { uploadId };
    },

    'attachment:upload-chunk': async (request) => ({
      received: await session(state, request.uploadId, Upload).write(request.bytes),
    }),

    'attachment:upload-finish': async (request) => {
      const upload = session(state, request.uploadId, Upload);
      try {
        return { attachment: await upload.finish() };
      } finally {
        state.sessions.delete(request.uploadId);
      }
    },

    'attachment:upload-cancel': async (request) => {
      const found = state.sessions.get(request.uploadId);
      if (found instanceof Upload) {
        state.sessions.delete(request.uploadId);
        await found.dispose();
      }
      return null;
    },

    'attachment:add-from-dialog': async (request) => {
      const choose = state.context.chooseFiles;
      if (!choose) throw new UserError('not-available', 'There is no file dialog here; choose the file in the page');
      assertMayAttach(state.services(), request.testimonyId);
      const files = await choose({ title: 'Attach files' });
      const added: AttachmentInfo[] = [];
      for (const file of files) {
        const stat = statUserFile(file);
        // services() again for each file: the vault may have been locked while the dialog was open.
        added.push(await state.services().attachments.attach(request.testimonyId, readWithProgress(state, file, stat.size), { fileName: path.basename(file) }));
      }
      return { attachments: added };
    },

    'attachment:read-begin': (request) => {
      const { info, stream } = state.services().attachments.open(request.attachmentId);
      const readId = crypto.randomUUID();
      state.sessions.set(readId, new AttachmentRead(stream));
      return { readId, attachment: info };
    },

    'attachment:read-chunk': async (request) => {
      const read = session(state, request.readId, AttachmentRead);
      try {
        const answer = await read.next();
        if (answer.done) state.sessions.delete(request.readId);
        return answer;
      } catch (error) {
        read.dispose();
        state.sessions.delete(request.readId);
        throw error;
      }
    },

    'attachment:read-end': (request) => {
      const found = state.sessions.get(request.readId);
      if (found instanceof AttachmentRead) {
        found.dispose();
        state.sessions.delete(request.readId);
      }
      return null;
    },

    'attachment:verify': async (request) => {
      await state.services().attachments.verify(request.attachmentId);
      return { intact: true as const };
    },
  };
}
