/**
 * A rough strength hint for a new passphrase, shown while typing. Not a gate beyond the services'
 * minimum length: it estimates guessing effort from length, variety and repetition, and rewards
 * several words, which is what we ask people to choose.
 */
export type Strength = 'too-short' | 'weak' | 'fair' | 'strong';

export const MIN_LENGTH = 10;

export function estimateBits(passphrase: string): number {
  const characters = [...passphrase.normalize('NFC')];
  if (characters.length === 0) return 0;
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  if (/[^\p{L}\p{N}]/u.test(passphrase)) pool += 20;
  if (/[\uac00-\ud7a3]/.test(passphrase)) pool += 400; // Hangul syllables in common use
  if (/[^\x00-\x7f\uac00-\ud7a3]/.test(passphrase)) pool += 100;
  // Repeats and runs add little: count distinct neighbouring pairs rather than characters.
  const pairs = new Set<string>();
  for (let index = 1; index < characters.length; index += 1) pairs.add(characters[index - 1]! + characters[index]!);
  const effective = Math.min(characters.length, 1 + pairs.size);
  return effective * Math.log2(Math.max(pool, 2));
}

export function passphraseStrength(passphrase: string): Strength {
  if ([...passphrase.normalize('NFC')].length < MIN_LENGTH) return 'too-short';
  const bits = estimateBits(passphrase);
  const words = passphrase.trim().split(/\s+/).filter((word) => word.length >= 2).length;
  if (bits >= 80 || (words >= 4 && bits >= 60)) return 'strong';
  if (bits >= 55) return 'fair';
  return 'weak';
}
