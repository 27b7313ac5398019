/**
 * `tw detect`: JSON lines `{"id", "text"}` on standard input, `{"id", "spans": [...]}` per line on
 * standard output (SPEC.md). Needs no vault. Streams: a line is read, detected and written before the
 * next is read, so input of any size runs in memory bounded by the longest line (MAX_DETECT_LINE_BYTES).
 *
 * A malformed line (not JSON, wrong shape, too long, not UTF-8) stops the run with a UserError naming
 * its line number; the output already written for earlier lines is kept, whole lines only, so a caller
 * must check the exit status before trusting the output as complete. Error messages never quote the
 * input: it is testimony.
 */
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { UserError } from '@shared/errors';
import { detectSpans } from '@shared/redaction/detect';
import { DetectRequest, MAX_DETECT_LINE_BYTES, toDetectResponse } from '@shared/redaction/wire';

export interface DetectCommandOptions {
  reasons: boolean;
  maxLineBytes?: number;
}

export async function runDetect(input: Readable, output: Writable, options: DetectCommandOptions): Promise<{ lines: number }> {
  const maxLineBytes = options.maxLineBytes ?? MAX_DETECT_LINE_BYTES;
  let lineNumber = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  const handleLine = async (bytes: Buffer): Promise<void> => {
    lineNumber += 1;
    const decoder = new StringDecoder('utf8');
    let raw = decoder.write(bytes) + decoder.end();
    if (raw.includes('\ufffd') && !bytes.includes(Buffer.from('\ufffd'))) throw new UserError('malformed-input', `line ${lineNumber} is not valid UTF-8`);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (lineNumber === 1 && raw.startsWith('\ufeff')) raw = raw.slice(1);
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new UserError('malformed-input', `line ${lineNumber} is not valid JSON`);
    }
    const parsed = DetectRequest.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the line';
      throw new UserError('malformed-input', `line ${lineNumber}: ${where} ${issue?.code === 'invalid_type' && issue.path.length > 0 ? 'is missing or of the wrong type' : 'is not {"id", "text"}'}`);
    }
    const response = toDetectResponse(parsed.data.id, detectSpans(parsed.data.text), options.reasons);
    // One write per line: a reader never sees half a line, even if we stop right after.
    if (!output.write(`${JSON.stringify(response)}\n`)) await new Promise<void>((resolve) => output.once('drain', resolve));
  };

  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let newline: number;
    while ((newline = buffer.indexOf(0x0a)) !== -1) {
      const piece = buffer.subarray(0, newline);
      if (pendingBytes + piece.length > maxLineBytes) throw new UserError('line-too-long', `line ${lineNumber + 1} is longer than ${maxLineBytes} bytes`);
      const line = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      pendingBytes = 0;
      await handleLine(line);
      buffer = buffer.subarray(newline + 1);
    }
    if (buffer.length > 0) {
      pendingBytes += buffer.length;
      if (pendingBytes > maxLineBytes) throw new UserError('line-too-long', `line ${lineNumber + 1} is longer than ${maxLineBytes} bytes`);
      // Copy: the stream may reuse the chunk's memory.
      pending.push(Buffer.from(buffer));
    }
  }
  if (pendingBytes > 0) await handleLine(Buffer.concat(pending));
  return { lines: lineNumber };
}
