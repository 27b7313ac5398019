import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file of the renderer, tests excepted. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('renderer source', () => {
  it('never writes HTML from strings, evaluates code, or sets inline style attributes', () => {
    const forbidden = /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\(\s*['"]style['"]/;
    const offenders = sources(path.dirname(new URL(import.meta.url).pathname)).filter((file) => forbidden.test(fs.readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
