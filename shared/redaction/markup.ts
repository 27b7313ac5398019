/**
 * The annotation markup of the redaction evaluation sets (redaction-devset/README.md):
 * `=== ID LANG` starts a document, `[[TYPE:surface]]` marks a span. Parsed into the JSON-lines shape
 * `{id, lang, text, spans: [{start, end, type, text}]}` with JavaScript string offsets, end exclusive.
 */
import { z } from 'zod';
import { SPAN_TYPES } from './types';

export const GoldSpan = z.strictObject({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  type: z.enum(SPAN_TYPES),
  text: z.string().optional(),
});
export const EvalDocument = z
  .strictObject({ id: z.string().min(1), lang: z.string().min(1), text: z.string(), spans: z.array(GoldSpan) })
  .superRefine((doc, ctx) => {
    doc.spans.forEach((span, i) => {
      if (span.end <= span.start || span.end > doc.text.length) ctx.addIssue({ code: 'custom', path: ['spans', i], message: 'span outside the text' });
      else if (span.text !== undefined && doc.text.slice(span.start, span.end) !== span.text) ctx.addIssue({ code: 'custom', path: ['spans', i, 'text'], message: 'span text does not match the offsets' });
    });
  });
export type EvalDocument = z.infer<typeof EvalDocument>;

const HEADER = /^=== (\S+) (\S+)\s*$/;
const MARK = /\[\[([A-Z]+):([^\]]+)\]\]/g;

/** Parses markup; throws with the line number on a malformed header or an unknown type. */
export function parseMarkup(markup: string): EvalDocument[] {
  const docs: EvalDocument[] = [];
  let current: { id: string; lang: string; lines: string[]; line: number } | undefined;
  const flush = (): void => {
    if (!current) return;
    const raw = current.lines.join('\n').trim();
    const spans: EvalDocument['spans'] = [];
    let text = '';
    let last = 0;
    for (const m of raw.matchAll(MARK)) {
      const type = m[1]!;
      if (!(SPAN_TYPES as readonly string[]).includes(type)) throw new Error(`${current.id}: unknown span type ${type}`);
      text += raw.slice(last, m.index);
      const start = text.length;
      text += m[2]!;
      spans.push({ start, end: text.length, type: type as EvalDocument['spans'][number]['type'], text: m[2]! });
      last = m.index! + m[0].length;
    }
    text += raw.slice(last);
    if (text.includes('[[') || text.includes(']]')) throw new Error(`${current.id} (from line ${current.line}): unbalanced [[ ]] markup`);
    docs.push(EvalDocument.parse({ id: current.id, lang: current.lang, text, spans }));
  };
  markup.split('\n').forEach((line, index) => {
    if (line.startsWith('===')) {
      const header = HEADER.exec(line);
      if (!header) throw new Error(`line ${index + 1}: a header is "=== ID LANG"`);
      flush();
      current = { id: header[1]!, lang: header[2]!, lines: [], line: index + 1 };
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim()) {
      throw new Error(`line ${index + 1}: text before the first "=== ID LANG" header`);
    }
  });
  flush();
  return docs;
}
