import { UserError } from '@shared/errors';
import type { VaultDatabase } from '../database';
import type { Migration } from './migration';
import { migration0001Initial } from './0001-initial';
import { migration0002Search } from './0002-search';
import { migration0003Attachments } from './0003-attachments';
import { migration0004SearchFilters } from './0004-search-filters';
import { migration0005ArchiveKeys } from './0005-archive-keys';
import { migration0006ArchiveCustody } from './0006-archive-custody';
import { migration0007Redaction } from './0007-redaction';

/** Every migration, in order. A new one is a new file appended here; tests check the order. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001Initial,
  migration0002Search,
  migration0003Attachments,
  migration0004SearchFilters,
  migration0005ArchiveKeys,
  migration0006ArchiveCustody,
  migration0007Redaction,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function assertMigrationsMonotonic(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
}

/** Brings the database to `target` (default: the newest), each migration in its own transaction. */
export function migrate(db: VaultDatabase, target = SCHEMA_VERSION): void {
  assertMigrationsMonotonic(MIGRATIONS);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new UserError(
      'vault-too-new',
      `This vault was written by a newer version of Testimony Workstation (schema ${current}, this program knows ${SCHEMA_VERSION}); update the program to open it`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version=${migration.version}`);
    })();
  }
}
