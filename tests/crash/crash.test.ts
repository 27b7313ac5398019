import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { Vault } from '../../electron/services/vault/vault';

const ROOT = path.resolve(__dirname, '../..');
const PASS = 'crash test passphrase';
const KILLS = 24;

/** Runs the writer, kills it with SIGKILL a random moment after it is ready; returns the ids it confirmed. */
function runAndKill(dir: string, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/crash/testimony-writer.ts', dir, PASS], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    const ids: string[] = [];
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.stdout.on('data', (data: Buffer) => {
      buffer += data.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (line) ids.push(line);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(ids);
      else reject(new Error(`writer exited by itself (${code}): ${stderr.slice(0, 500)}`));
    });
  });
}

describe('crash safety', () => {
  it(`keeps the vault consistent and every confirmed testimony after ${KILLS} SIGKILLs mid-write`, async () => {
    const dir = path.join(tempDir(), 'vault');
    (await Vault.create(dir, { userName: 'writer', roles: ['interviewer'], passphrase: PASS })).vault.lock();
    const confirmed: string[] = [];
    for (let round = 0; round < KILLS; round += 1) {
      const delay = Math.floor(Math.random() * 600);
      confirmed.push(...(await runAndKill(dir, delay)));

      const vault = await Vault.unlock(dir, PASS);
      try {
        expect(vault.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const stored = new Set(
          (vault.db.prepare('SELECT id FROM testimonies').all() as Array<{ id: string }>).map((row) => row.id),
        );
        for (const id of confirmed) expect(stored.has(id), `testimony ${id} confirmed before the kill is missing`).toBe(true);
        // Every stored testimony has its version and index row: no half-written change.
        const orphans = vault.db
          .prepare(
            `SELECT count(*) AS n FROM testimonies t
              WHERE NOT EXISTS (SELECT 1 FROM testimony_versions v WHERE v.testimony_id = t.id AND v.version = t.current_version)
                 OR NOT EXISTS (SELECT 1 FROM testimony_fts_map m WHERE m.testimony_id = t.id)`,
          )
          .get() as { n: number };
        expect(orphans.n).toBe(0);
        expect(vault.verifyAudit()).toMatchObject({ ok: true });
      } finally {
        vault.lock();
      }
    }
    expect(confirmed.length).toBeGreaterThan(KILLS);
  }, 300_000);
});
