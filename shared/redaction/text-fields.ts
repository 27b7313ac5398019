/**
 * The free-text fields of a testimony record that go through span review, each named by its path
 * ("narrative.text", "events[2].description", "tags[0]"). The same enumeration serves detection,
 * applying decisions to build a release, and the residual check of the release, so that no text
 * field can be reviewed on one side and forgotten on the other.
 */
import { containsHangul } from '../text/korean';
import type { TestimonyRecord } from '../testimony/schema';

export type TextLanguage = 'ko' | 'en';

export interface TextField {
  /** Path of the field: "narrative.text", "people[1].note". */
  path: string;
  text: string;
  /** The language replacements are written in: the narrative's and translation's own; otherwise Hangul → Korean. */
  language: TextLanguage;
}

function languageOfTag(tag: string | undefined, text: string): TextLanguage {
  if (tag !== undefined) return tag.toLowerCase().startsWith('ko') ? 'ko' : 'en';
  return containsHangul(text) ? 'ko' : 'en';
}

/**
 * Every free-text field, in reading order: title, narrative, translation, then the structured
 * record's notes and descriptions. Identity fields, names, the interviewer's and translator's
 * names and the consent block are not listed: a release drops them whole (see release.ts).
 */
export function textFieldsOf(record: TestimonyRecord): TextField[] {
  const fields: TextField[] = [];
  const add = (path: string, text: string | undefined, languageTag?: string) => {
    if (text !== undefined && text.length > 0) fields.push({ path, text, language: languageOfTag(languageTag, text) });
  };
  add('title', record.title);
  add('narrative.text', record.narrative.text, record.narrative.language);
  add('translation.text', record.translation?.text, record.translation?.language);
  const interviewee = record.interviewee;
  add('interviewee.occupation', interviewee?.occupation);
  add('interviewee.homeProvince.text', interviewee?.homeProvince?.text);
  add('interviewee.homeCounty.text', interviewee?.homeCounty?.text);
  record.people.forEach((person, i) => add(`people[${i}].note`, person.note));
  record.events.forEach((event, i) => {
    add(`events[${i}].description`, event.description);
    add(`events[${i}].place.text`, event.place?.text);
    add(`events[${i}].facility.text`, event.facility?.text);
    event.perpetrators.forEach((perpetrator, j) => {
      add(`events[${i}].perpetrators[${j}].rank`, perpetrator.rank);
      add(`events[${i}].perpetrators[${j}].note`, perpetrator.note);
    });
  });
  record.tags.forEach((tag, i) => add(`tags[${i}]`, tag));
  return fields;
}

/** "narrative" and "translation" are accepted on the command line for their text fields. */
export function normaliseFieldPath(path: string): string {
  if (path === 'narrative') return 'narrative.text';
  if (path === 'translation') return 'translation.text';
  return path;
}

type PathKey = string | number;

/** "events[2].perpetrators[0].rank" → ["events", 2, "perpetrators", 0, "rank"]. */
export function splitPath(path: string): PathKey[] {
  const keys: PathKey[] = [];
  for (const part of path.split('.')) {
    const match = /^([A-Za-z]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`bad field path ${path}`);
    keys.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

/** Sets a value at a path inside a plain JSON object (the release copy, never the stored record). */
export function setAtPath(root: unknown, path: string, value: unknown): void {
  const keys = splitPath(path);
  let current = root as Record<PathKey, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== 'object') throw new Error(`no field at ${path}`);
    current = next as Record<PathKey, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete current[last];
  else current[last] = value;
}

export function getAtPath(root: unknown, path: string): unknown {
  let current = root;
  for (const key of splitPath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
}
