/**
 * The line protocol of `tw detect` (SPEC.md): one JSON object per input line, `{"id", "text"}`, and
 * one per output line, `{"id", "spans": [{"start", "end", "type"}]}` (with `--reasons` also `score`
 * and `reason`). Offsets are JavaScript string indices (UTF-16 code units), end exclusive.
 */
import { z } from 'zod';
import { SPAN_TYPES, type DetectedSpan } from './types';

/** Longest input line accepted, in bytes of UTF-8: a 2,000,000-character narrative escaped as JSON fits. */
export const MAX_DETECT_LINE_BYTES = 16 * 1024 * 1024;

/** An input line. Other fields are ignored (so an evaluation set's lines can be piped in as they are). */
export const DetectRequest = z.object({
  id: z.union([z.string().max(1000), z.number().finite()]),
  text: z.string(),
});
export type DetectRequest = z.infer<typeof DetectRequest>;

export const DetectResponseSpan = z.strictObject({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  type: z.enum(SPAN_TYPES),
  score: z.number().min(0).max(1).optional(),
  reason: z.string().optional(),
});
export const DetectResponse = z.strictObject({
  id: z.union([z.string(), z.number()]),
  spans: z.array(DetectResponseSpan),
});
export type DetectResponse = z.infer<typeof DetectResponse>;

export function toDetectResponse(id: DetectRequest['id'], spans: readonly DetectedSpan[], withReasons: boolean): DetectResponse {
  return {
    id,
    spans: spans.map((s) => (withReasons ? { start: s.start, end: s.end, type: s.type, score: s.score, reason: s.reason } : { start: s.start, end: s.end, type: s.type })),
  };
}
