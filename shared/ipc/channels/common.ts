/**
 * Pieces every channel file uses: the spec shape, the empty request, ids and bytes.
 * Pure (zod only), like the rest of shared/.
 */
import { z } from 'zod';

/** One request schema and one response schema per channel. */
export interface ChannelSpec {
  request: z.ZodType;
  response: z.ZodType;
}

/** Request schema of channels that take no argument (the renderer sends nothing). */
export const noRequest = z.undefined();

/** Ids made by the services (crypto.randomUUID) and by the handlers (upload and read sessions). */
export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not an id');

export const isoTimestamp = z.string().min(10).max(40);

/** Largest piece of a file that crosses IPC in one message, either way. */
export const MAX_CHUNK_BYTES = 1024 * 1024;

/**
 * Raw bytes: Electron's IPC carries Uint8Array (a Node Buffer is one), so no base64 on the way.
 * Bounded so that one message never holds a whole large file.
 */
export const bytesSchema = z.custom<Uint8Array>(
  (value) => value instanceof Uint8Array && value.byteLength <= MAX_CHUNK_BYTES,
  { message: `expected at most ${MAX_CHUNK_BYTES} bytes` },
);
