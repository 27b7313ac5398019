/**
 * Limits on what a sealed archive may contain, enforced while reading (and, where it makes sense,
 * while writing, so that we never produce an archive we would refuse). Every limit is checked
 * before the bytes it governs are read. Callers pass `Partial<ArchiveLimits>`; whatever they leave
 * out takes the default here.
 */
export interface ArchiveLimits {
  /** Bytes of the age header (version line, stanzas, MAC line). A hybrid stanza is about 1.6 KB. */
  maxAgeHeaderBytes: number;
  /** Recipient stanzas in the age header. */
  maxAgeStanzas: number;
  /** Entries in the tar (files and folders, not counting pax or long-name headers). */
  maxEntries: number;
  /** Size of one payload file. */
  maxEntryBytes: number;
  /** Sum of all payload file sizes. */
  maxTotalBytes: number;
  /** UTF-8 bytes of one path inside the tar. */
  maxPathBytes: number;
  /** Size of one pax extended header (or GNU long-name header). */
  maxPaxHeaderBytes: number;
  /** Size of one tag file (bagit.txt, bag-info.txt, the manifests, the signature), held in memory. */
  maxTagFileBytes: number;
  /** Zero bytes allowed after the two end-of-archive blocks (tar pads to its record size). */
  maxTrailingZeroBytes: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  // 64 hybrid stanzas fit in about 100 KiB; anything larger is not an archive we wrote.
  maxAgeHeaderBytes: 256 * KiB,
  maxAgeStanzas: 64,
  // 100,000 files per archive is far beyond a field laptop's export, and bounds the in-memory file list.
  maxEntries: 100_000,
  // Audio and video of a long interview; larger files are refused rather than half-imported.
  maxEntryBytes: 64 * GiB,
  maxTotalBytes: 1024 * GiB,
  // Linux PATH_MAX; a longer name could not be unpacked with tar anyway.
  maxPathBytes: 4096,
  maxPaxHeaderBytes: 64 * KiB,
  // The payload manifest of 100,000 files is about 15 MiB.
  maxTagFileBytes: 32 * MiB,
  // GNU tar pads to 10 KiB records; allow generous padding, refuse gigabytes of it.
  maxTrailingZeroBytes: 1 * MiB,
});

/** The defaults overlaid with the caller's choices; refuses a limit that is not a positive integer (a bug). */
export function resolveLimits(limits: Partial<ArchiveLimits> | undefined): ArchiveLimits {
  const resolved = { ...DEFAULT_ARCHIVE_LIMITS, ...(limits ?? {}) };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`archive limit ${name} must be a non-negative safe integer`);
  }
  return resolved;
}
