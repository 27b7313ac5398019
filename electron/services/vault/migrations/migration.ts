import type { VaultDatabase } from '../database';

/** One schema change. `version` is the `user_version` the database has after it ran. */
export interface Migration {
  version: number;
  name: string;
  up(db: VaultDatabase): void;
}
