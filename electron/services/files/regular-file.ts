import fs from 'node:fs';
import { UserError } from '@shared/errors';

/** Stats a file the user named, refusing with a clear message what is missing or not a regular file. */
export function statUserFile(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UserError('no-such-file', `Cannot read ${file}: no such file`);
  }
  if (!stat.isFile()) throw new UserError('not-a-file', `${file} is not a file`);
  return stat;
}
