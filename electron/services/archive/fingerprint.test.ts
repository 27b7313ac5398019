import { describe, expect, it } from 'vitest';
import { FINGERPRINT_PATTERN } from '@shared/archive/documents';
import { workstationFingerprint } from './fingerprint';

const AGE = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
const MINISIGN = 'RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3';

describe('workstation fingerprint', () => {
  it('is 12 groups of 5 digits, stable for the same keys', () => {
    const fingerprint = workstationFingerprint(AGE, MINISIGN);
    expect(fingerprint).toMatch(FINGERPRINT_PATTERN);
    expect(workstationFingerprint(AGE, MINISIGN)).toBe(fingerprint);
    // Bech32 is case-insensitive: the same recipient written in capitals is the same workstation.
    expect(workstationFingerprint(AGE.toUpperCase(), MINISIGN)).toBe(fingerprint);
  });

  it('changes when either key changes', () => {
    const fingerprint = workstationFingerprint(AGE, MINISIGN);
    expect(workstationFingerprint(AGE.replace('mcac8p', 'mcac8q'), MINISIGN)).not.toBe(fingerprint);
    expect(workstationFingerprint(AGE, MINISIGN.replace('GFO3', 'GFO4'))).not.toBe(fingerprint);
    // The separator keeps (age, minisign) from being confused with a different split of the same text.
    expect(workstationFingerprint(AGE + 'R', MINISIGN.slice(1))).not.toBe(fingerprint);
  });
});
