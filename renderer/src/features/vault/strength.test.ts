import { describe, expect, it } from 'vitest';
import { passphraseStrength } from './strength';

describe('passphrase strength hint', () => {
  it('calls short, repetitive and simple passphrases what they are, and several words strong', () => {
    expect(passphraseStrength('abc123')).toBe('too-short');
    expect(passphraseStrength('aaaaaaaaaaaaaaaa')).toBe('weak');
    expect(passphraseStrength('password12')).toBe('weak');
    expect(passphraseStrength('Tr0ub4dor&3x')).toBe('fair');
    expect(passphraseStrength('correct horse battery staple')).toBe('strong');
    expect(passphraseStrength('두만강 건너 봄바람 분다')).toBe('strong');
  });
});
