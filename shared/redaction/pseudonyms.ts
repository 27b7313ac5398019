/**
 * Which spans stand for the same person (or place), so that they get the same pseudonym.
 * A name written in the structured fields belongs to that person whatever spelling the text uses
 * among those recorded (name, otherNames, a Korean given name alone): the key is the person's id.
 * Any other surface is its own key, compared case-, spacing- and North/South-spelling-insensitively.
 * A reviewer can join two keys by hand (decide … --same-as).
 */
import type { TestimonyRecord } from '../testimony/schema';
import { surfaceKey } from './occurrences';
import type { SpanType } from './types';

function nameForms(name: string): string[] {
  const trimmed = name.trim();
  const forms = [trimmed];
  if (/^[\uac00-\ud7a3]{3}$/u.test(trimmed)) forms.push(trimmed.slice(1));
  return forms;
}

/** surface key → "person:<id>" for every recorded name of every person (the interviewee is "person:self"). */
export function personKeyIndex(record: TestimonyRecord): Map<string, string> {
  const index = new Map<string, string>();
  const add = (personKey: string, names: (string | undefined)[]) => {
    for (const name of names) {
      if (!name) continue;
      for (const form of nameForms(name)) {
        const key = surfaceKey(form);
        if (key.length > 0 && !index.has(key)) index.set(key, personKey);
      }
    }
  };
  const identity = record.interviewee?.identity;
  const selfId = record.people.find((person) => person.relation === 'self')?.id ?? 'self';
  if (identity) add(`person:${selfId}`, [identity.realName, ...identity.otherNames]);
  for (const person of record.people) add(`person:${person.id}`, [person.name, ...person.otherNames]);
  return index;
}

export function derivePseudonymKey(index: Map<string, string>, surface: string, type: SpanType): string {
  const key = surfaceKey(surface);
  if (type === 'PERSON') {
    const person = index.get(key);
    if (person) return person;
  }
  return `${type}:${key}`;
}
