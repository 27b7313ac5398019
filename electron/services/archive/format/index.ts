/**
 * The sealed-archive format layer (age v1 + POSIX tar + BagIt 1.0 + minisign), pure Node, knowing
 * nothing of the vault. See README.md in this folder for the API and the decisions behind it.
 */
export {
  ARCHIVE_EXTENSION,
  DEFAULT_SOFTWARE_AGENT,
  SIGNATURE_FILE,
  TAG_FILES,
  discardPayload,
  openSealedArchive,
  readSealedArchive,
  writeSealedArchive,
  type OpenSealedArchiveOptions,
  type PayloadHashing,
  type PayloadPiece,
  type StagedPayload,
  type SealedArchiveEntry,
  type SealedArchiveFile,
  type SealedArchiveWritten,
  type TrustedSigner,
  type VerifiedBagInfo,
  type VerifiedSealedArchive,
  type VerifiedSealedArchiveFile,
  type WriteSealedArchiveOptions,
} from './sealed-archive';
export {
  ageIdentityKind,
  ageRecipientKind,
  ageRecipientOf,
  createAgeDecryptStream,
  createAgeEncryptStream,
  decryptAge,
  decryptAgeBuffer,
  encryptAge,
  encryptAgeBuffer,
  generateAgeIdentity,
  type AgeKeyKind,
  type AgeLimits,
} from './age';
export {
  createMinisignPrehash,
  decodeMinisignSecretKey,
  encodeMinisignPublicKey,
  encodeMinisignSecretKey,
  formatMinisignPublicKeyFile,
  generateMinisignKeyPair,
  minisignKeyIdHex,
  minisignPublicKeyOf,
  parseMinisignPublicKey,
  parseMinisignSignature,
  signMinisign,
  verifyMinisign,
  type MinisignPublicKey,
  type MinisignSecretKey,
  type MinisignSignature,
} from './minisign';
export { checkTarPath, readTar, tarHeader, writeTar, type TarEntry, type TarReadLimits, type TarWriteEntry } from './tar';
export {
  BAGIT_TXT,
  encodeManifestPath,
  decodeManifestPath,
  formatBagInfo,
  formatManifest,
  parseBagInfo,
  parseBagitTxt,
  parseManifest,
  parsePayloadOxum,
  type BagInfoFields,
  type PayloadOxum,
} from './bagit';
export { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './limits';
export { readFileChunks, writeChunks } from './file-io';
export { type ArchiveErrorCode } from './errors';
