import { z } from 'zod';

/** What a user of a vault may be. A person can hold several roles. */
export const Role = z.enum(['interviewer', 'reviewer', 'archivist']);
export type Role = z.infer<typeof Role>;

/** Every action that checks a role. Reading is open to every role of the vault. */
export const PERMISSIONS = {
  'testimony.read': ['interviewer', 'reviewer', 'archivist'],
  'testimony.write': ['interviewer'],
  'testimony.review': ['reviewer'],
  /** The second pair of eyes on a redacted release (never the reviewer who prepared it). */
  'release.approve': ['reviewer'],
  'attachment.write': ['interviewer'],
  'search': ['interviewer', 'reviewer', 'archivist'],
  'audit.read': ['interviewer', 'reviewer', 'archivist'],
  'archive.export': ['archivist', 'interviewer'],
  'archive.import': ['archivist'],
  'keys.manage': ['archivist'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

/** Parses "interviewer,reviewer" as given on the command line. */
export function parseRoleList(text: string): Role[] | undefined {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
  const roles: Role[] = [];
  for (const part of parts) {
    const parsed = Role.safeParse(part);
    if (!parsed.success) return undefined;
    if (!roles.includes(parsed.data)) roles.push(parsed.data);
  }
  return roles.length > 0 ? roles : undefined;
}
