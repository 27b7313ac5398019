/**
 * Every object URL the page makes for decrypted content (a photo, a recording) goes through here,
 * so that locking can revoke them all at once and the bytes they point to can be freed.
 */
const live = new Set<string>();

export function createObjectUrl(blob: Blob): string {
  const url = URL.createObjectURL(blob);
  live.add(url);
  return url;
}

export function revokeObjectUrl(url: string): void {
  if (live.delete(url)) URL.revokeObjectURL(url);
}

export function revokeAllObjectUrls(): void {
  for (const url of live) URL.revokeObjectURL(url);
  live.clear();
}

export function liveObjectUrlCount(): number {
  return live.size;
}
