/** What changed between two versions of a record, field by field. */
import { formatFieldPath } from '@shared/testimony/schema';

export interface FieldChange {
  path: string;
  before: string | undefined;
  after: string | undefined;
}

/** Every leaf value of a JSON document, by its field path (events[0].date). */
export function flatten(value: unknown, path: PropertyKey[] = [], into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, [...path, index], into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) flatten(item, [...path, key], into);
  } else if (value !== undefined) {
    into.set(formatFieldPath(path), String(value));
  }
  return into;
}

export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const old = before === undefined ? new Map<string, string>() : flatten(before);
  const now = flatten(after);
  const changes: FieldChange[] = [];
  for (const [path, value] of now) if (old.get(path) !== value) changes.push({ path, before: old.get(path), after: value });
  for (const [path, value] of old) if (!now.has(path)) changes.push({ path, before: value, after: undefined });
  return changes;
}
