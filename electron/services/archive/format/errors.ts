import { UserError } from '@shared/errors';

/**
 * Every refusal of the archive format layer, each a UserError with one of these codes. They are
 * stable: the service and the command line may switch on them.
 */
export type ArchiveErrorCode =
  // age
  | 'age-recipient-invalid' // a recipient string is not age1… / age1pq1…
  | 'age-recipients-mixed' // post-quantum and classical recipients in one file
  | 'age-identity-invalid' // an identity string is not AGE-SECRET-KEY-1… / AGE-SECRET-KEY-PQ-1…
  | 'age-not-age-file' // does not start with the age v1 version line
  | 'age-header-too-large' // header beyond maxAgeHeaderBytes, or too many stanzas
  | 'age-header-malformed' // header does not follow the age v1 grammar
  | 'age-wrong-recipient' // no identity given matches any stanza
  | 'age-header-mac' // the header MAC does not verify: header altered
  | 'age-truncated' // end of file before a valid final chunk
  | 'age-chunk-corrupt' // a payload chunk fails authentication
  | 'age-trailing-data' // bytes after the final chunk
  | 'age-empty-final-chunk' // an empty final chunk after non-empty ones
  // minisign
  | 'minisign-key-invalid' // a public or secret key string of the wrong shape
  | 'minisign-signature-malformed' // a .minisig that does not parse
  | 'minisign-legacy-signature' // algorithm "Ed" (not prehashed): refused
  | 'minisign-key-mismatch' // the signature's key id is not the key it is checked against
  | 'minisign-bad-signature' // the signature or the global (trusted comment) signature fails
  // tar
  | 'tar-truncated' // end of input before the end-of-archive blocks or inside an entry
  | 'tar-bad-checksum' // a header block whose checksum is wrong
  | 'tar-malformed' // not a ustar/pax/GNU header, bad numbers, bad pax records
  | 'tar-unsafe-path' // absolute, "..", backslash, NUL or control characters, too long
  | 'tar-unsupported-entry' // links, devices, FIFOs, sparse files, unknown types
  | 'tar-duplicate-entry' // the same name twice (after normalisation), or a file and a folder of one name
  | 'tar-too-large' // an entry, a pax header, the total, or the entry count beyond the limits
  | 'tar-trailing-garbage' // non-zero bytes after the end-of-archive blocks
  // bagit and the sealed archive
  | 'bag-malformed' // bagit.txt, bag-info.txt or a manifest that does not parse
  | 'bag-unsupported-version' // BagIt-Version other than 1.0, or an encoding other than UTF-8
  | 'bag-incomplete' // a tag file missing, a listed payload file missing, or a payload file not listed
  | 'bag-hash-mismatch' // a payload or tag file whose SHA-256 is not the one in its manifest
  | 'bag-oxum-mismatch' // Payload-Oxum (octets.count) differs from the payload
  | 'archive-layout' // not one bag folder, unexpected files, id mismatches between folder, bag-info and signature
  | 'archive-future-format' // TW-Format newer than this program
  | 'archive-untrusted-signer' // signed by a key that is not among the trusted senders
  | 'archive-bad-signature' // the signature of a trusted key does not verify
  | 'archive-source-changed' // writer: a payload source gave other bytes than announced
  | 'archive-no-space' // writer: the disk (or the file-size limit) is full; nothing was left behind
  | 'archive-cannot-write' // writer: the folder is not writable (permissions, read-only medium)
  | 'archive-invalid-entry'; // writer: a payload path or size the format refuses

export function archiveError(code: ArchiveErrorCode, message: string): UserError {
  return new UserError(code, message);
}
