import { ReviewService } from '../../electron/services/redaction/review-service';
import type { Vault } from '../../electron/services/vault/vault';

/** A reviewer accepts every suggestion still pending in the testimony's review. */
export function acceptAll(vault: Vault, id: string): void {
  const review = new ReviewService(vault);
  for (const item of review.show(id).items) if (item.status === 'pending') review.decide(id, item.id, 'accept');
}
