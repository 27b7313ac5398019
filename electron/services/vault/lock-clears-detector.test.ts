import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSpans } from '@shared/redaction/detect';
import { detectorCacheEntries } from '@shared/redaction/scan';
import { tempDir } from '../../../tests/helpers/temp';
import { Vault } from './vault';

describe('locking the vault', () => {
  it('empties the redaction detector caches, which hold words of the testimony it scanned', async () => {
    const dir = path.join(tempDir(), 'vault');
    const { vault } = await Vault.create(dir, { userName: 'minji', roles: ['interviewer', 'reviewer'], passphrase: 'correct horse battery staple' });
    const spans = detectSpans('1998년 봄 무산군에서 리영희는 오빠 리철수와 헤어졌다. Ri Yong-hui left Musan in 1998.');
    expect(spans.length).toBeGreaterThan(0);
    expect(detectorCacheEntries()).toBeGreaterThan(0);
    vault.lock();
    expect(vault.isLocked).toBe(true);
    expect(detectorCacheEntries()).toBe(0);
  });
});
