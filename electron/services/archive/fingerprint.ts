import crypto from 'node:crypto';

/**
 * A workstation's fingerprint: what two archivists read aloud to each other (on the phone, in
 * person) before trusting each other's keys, safety-number style. 12 groups of 5 digits, taken
 * from SHA-512 over a domain-separation prefix and both public keys, so that swapping either key
 * changes it. 12 × log2(10^5) ≈ 199 bits: far beyond what a forger could match by trying keys.
 * Each group is a 40-bit slice reduced mod 100000 (bias below 10^-7, irrelevant here).
 */
const DOMAIN = 'Testimony Workstation fingerprint v1\0';
const GROUPS = 12;
const BYTES_PER_GROUP = 5;

export function workstationFingerprint(ageRecipient: string, minisignPublicKey: string): string {
  const digest = crypto
    .createHash('sha512')
    .update(DOMAIN)
    .update(ageRecipient.toLowerCase())
    .update('\n')
    .update(minisignPublicKey)
    .digest();
  const groups: string[] = [];
  for (let index = 0; index < GROUPS; index += 1) {
    const value = digest.readUIntBE(index * BYTES_PER_GROUP, BYTES_PER_GROUP) % 100_000;
    groups.push(String(value).padStart(5, '0'));
  }
  return groups.join(' ');
}
