/**
 * `tw review …` and `tw release …`: redaction review and four-eyes release from the command line.
 * Surfaces (the words a span covers) are printed: the reviewer is reading their own vault.
 * Nothing here writes testimony text to a file.
 */
import { UserError } from '@shared/errors';
import { GeneraliseLevel, Operator } from '@shared/redaction/operators';
import { getAtPath } from '@shared/redaction/text-fields';
import { SPAN_TYPES, type SpanType } from '@shared/redaction/types';
import type { Vault } from '../services/vault/vault';
import { ReviewService, type ReviewItemView } from '../services/redaction/review-service';
import { ReleaseService, type ReleaseCheck } from '../services/redaction/release-service';
import type { Command } from './args';

type Output = { out: (text: string) => void };
type WithVault = <T>(command: Command, action: (vault: Vault) => Promise<T> | T) => Promise<T>;


function parseOperator(text: string | undefined): Operator | undefined {
  if (text === undefined) return undefined;
  const parsed = Operator.safeParse(text);
  if (!parsed.success) throw new UserError('usage', `unknown operator "${text}": use ${Operator.options.join(', ')}`);
  return parsed.data;
}

function parseLevel(text: string | undefined): GeneraliseLevel | undefined {
  if (text === undefined) return undefined;
  const parsed = GeneraliseLevel.safeParse(text);
  if (!parsed.success) throw new UserError('usage', `unknown level "${text}": use ${GeneraliseLevel.options.join(', ')}`);
  return parsed.data;
}

function parseType(text: string): SpanType {
  const upper = text.toUpperCase();
  if (!(SPAN_TYPES as readonly string[]).includes(upper)) throw new UserError('usage', `unknown type "${text}": use ${SPAN_TYPES.join(', ')}`);
  return upper as SpanType;
}

function parseCount(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new UserError('usage', `--${name} takes a whole number`);
  return Number(text);
}

function requiredCount(command: Command, name: string): number {
  return parseCount(command.required(name), name)!;
}

function oneLine(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function formatItem(item: ReviewItemView): string {
  const where = item.kind === 'span' ? `${item.field} ${item.start}–${item.end}` : item.field;
  const label = item.pseudonym ? ` → ${item.pseudonym.ko} / ${item.pseudonym.en}` : '';
  return `${item.id.padEnd(5)} ${item.status.padEnd(8)} ${item.type.padEnd(8)} ${item.operator.padEnd(10)} ${where}  «${oneLine(item.surface)}»${label}  (${item.reason})`;
}

export async function runReviewCommand(command: Command, sub: string | undefined, io: Output, withVault: WithVault): Promise<void> {
  const json = (value: unknown) => io.out(JSON.stringify(value, null, 2));
  switch (sub) {
    case 'start': {
      const id = command.positional(2, 'testimony id');
      const asJson = command.flag('json');
      command.finish(3);
      await withVault(command, (vault) => {
        const result = new ReviewService(vault).start(id);
        if (asJson) json(result);
        else io.out(`Review of version ${result.version} ${result.outcome}: ${result.items} items, ${result.pending} pending${result.carried ? `, ${result.carried} decisions carried over` : ''}.`);
      });
      return;
    }
    case 'list': {
      const id = command.positional(2, 'testimony id');
      const asJson = command.flag('json');
      const onlyPending = command.flag('pending');
      command.finish(3);
      await withVault(command, (vault) => {
        const view = new ReviewService(vault).show(id);
        const items = onlyPending ? view.items.filter((item) => item.status === 'pending') : view.items;
        if (asJson) {
          json({ ...view, items });
          return;
        }
        io.out(`Review of version ${view.version}${view.stale ? ` — STALE: the testimony is now version ${view.currentVersion}; run tw review start ${id}` : ''}`);
        io.out(`${view.counts.pending} pending, ${view.counts.accepted} accepted, ${view.counts.rejected} rejected (kept)`);
        for (const item of items) io.out(formatItem(item));
      });
      return;
    }
    case 'decide': {
      const id = command.positional(2, 'testimony id');
      const itemId = command.positional(3, 'item id');
      const decision = command.positional(4, 'accept or reject');
      if (decision !== 'accept' && decision !== 'reject') throw new UserError('usage', 'decide takes accept or reject');
      const operator = parseOperator(command.option('operator'));
      const level = parseLevel(command.option('level'));
      const all = command.flag('all');
      const sameAs = command.option('same-as');
      command.finish(5);
      await withVault(command, (vault) => {
        const result = new ReviewService(vault).decide(id, itemId, decision, { ...(operator ? { operator } : {}), ...(level ? { level } : {}), all, ...(sameAs ? { sameAs } : {}) });
        io.out(`Decided ${result.decided} item${result.decided === 1 ? '' : 's'}${result.added ? `, added ${result.added} more occurrence${result.added === 1 ? '' : 's'}` : ''}${result.skipped ? `, skipped ${result.skipped} overlapping other text` : ''}.`);
      });
      return;
    }
    case 'add': {
      const id = command.positional(2, 'testimony id');
      const start = requiredCount(command, 'start');
      const end = requiredCount(command, 'end');
      const type = parseType(command.required('type'));
      const field = command.option('field');
      const operator = parseOperator(command.option('operator'));
      const level = parseLevel(command.option('level'));
      const asJson = command.flag('json');
      command.finish(3);
      await withVault(command, (vault) => {
        const item = new ReviewService(vault).add(id, { start, end, type, ...(field ? { field } : {}), ...(operator ? { operator } : {}), ...(level ? { level } : {}) });
        if (asJson) json(item);
        else io.out(formatItem(item));
      });
      return;
    }
    case 'operator': {
      const id = command.positional(2, 'testimony id');
      const type = parseType(command.positional(3, 'type'));
      const operator = parseOperator(command.positional(4, 'operator'))!;
      const level = parseLevel(command.option('level'));
      command.finish(5);
      await withVault(command, (vault) => {
        new ReviewService(vault).setTypeOperator(id, type, operator, level);
        io.out(`Spans of type ${type} without an operator of their own: ${operator}${level ? ` (${level})` : ''}.`);
      });
      return;
    }
    case 'field': {
      const id = command.positional(2, 'testimony id');
      const path = command.positional(3, 'field path');
      const operator = parseOperator(command.positional(4, 'operator'))!;
      const level = parseLevel(command.option('level'));
      command.finish(5);
      await withVault(command, (vault) => io.out(formatItem(new ReviewService(vault).setField(id, path, operator, level))));
      return;
    }
    case 'attachment': {
      const attachmentId = command.positional(2, 'attachment id');
      const include = command.flag('include');
      const exclude = command.flag('exclude');
      if (include === exclude) throw new UserError('usage', 'give --include or --exclude');
      command.finish(3);
      await withVault(command, (vault) => {
        const { warning } = new ReviewService(vault).includeAttachment(attachmentId, include);
        if (warning) process.stderr.write(`tw: warning: ${warning}\n`);
        io.out(include ? 'Included in releases.' : 'Left out of releases.');
      });
      return;
    }
    case 'region': {
      const attachmentId = command.positional(2, 'attachment id');
      const remove = command.option('remove');
      if (remove) {
        command.finish(3);
        await withVault(command, (vault) => {
          new ReviewService(vault).removeRegion(attachmentId, remove);
          io.out(`Region ${remove} removed.`);
        });
        return;
      }
      const rectangle = { x: requiredCount(command, 'x'), y: requiredCount(command, 'y'), width: requiredCount(command, 'width'), height: requiredCount(command, 'height') };
      command.finish(3);
      await withVault(command, async (vault) => io.out((await new ReviewService(vault).addRegion(attachmentId, rectangle)).regionId));
      return;
    }
    default:
      throw new UserError('usage', 'tw review start|list|decide|add|operator|field|attachment|region …');
  }
}

function printCheck(check: ReleaseCheck, record: unknown, io: Output): void {
  io.out(check.canApprove ? 'Ready for approval.' : 'Not ready for approval:');
  for (const blocker of check.blockers) io.out(`  - ${blocker}`);
  for (const hit of check.residual) {
    const text = getAtPath(record, hit.field);
    const surface = typeof text === 'string' ? text.slice(hit.start, hit.end) : '';
    io.out(`  residual ${hit.type} in ${hit.field} ${hit.start}–${hit.end} «${oneLine(surface)}» (${hit.source}: ${hit.reason})`);
  }
  for (const problem of check.attachmentProblems) io.out(`  attachment ${problem.attachmentId}: ${problem.problem}`);
  io.out(`k-count: ${check.risk.count} testimonies share the released quasi-identifiers (k = ${check.risk.k})`);
  for (const warning of check.warnings) io.out(`warning: ${warning}`);
}

export async function runReleaseCommand(command: Command, sub: string | undefined, io: Output, withVault: WithVault): Promise<void> {
  const json = (value: unknown) => io.out(JSON.stringify(value, null, 2));
  const id = command.positional(2, 'testimony id');
  switch (sub) {
    case 'prepare': {
      const k = parseCount(command.option('k'), 'k');
      const asJson = command.flag('json');
      command.finish(3);
      await withVault(command, async (vault) => {
        const summary = await new ReleaseService(vault).prepare(id, k !== undefined ? { k } : {});
        if (asJson) json(summary);
        else {
          io.out(`Release ${summary.releaseId} prepared from version ${summary.version} (sha256 ${summary.originalSha256}); a second reviewer approves it with tw release approve ${id}.`);
          for (const attachment of summary.attachments) io.out(`  attachment ${attachment.attachmentId} → ${attachment.name} (${attachment.size} bytes)`);
          for (const excluded of summary.excludedAttachments) io.out(`  attachment ${excluded.attachmentId} left out: ${excluded.reason}`);
          for (const warning of summary.warnings) io.out(`warning: ${warning}`);
        }
      });
      return;
    }
    case 'check': {
      const k = parseCount(command.option('k'), 'k');
      const asJson = command.flag('json');
      command.finish(3);
      await withVault(command, async (vault) => {
        const service = new ReleaseService(vault);
        const check = await service.check(id, k !== undefined ? { k } : {});
        if (asJson) json(check);
        else printCheck(check, service.show(id).record.record, io);
        if (!check.canApprove) throw new UserError('release-blocked', `The release of ${id} cannot be approved yet`);
      });
      return;
    }
    case 'approve': {
      const k = parseCount(command.option('k'), 'k');
      const asJson = command.flag('json');
      command.finish(3);
      await withVault(command, async (vault) => {
        const approved = await new ReleaseService(vault).approve(id, k !== undefined ? { k } : {});
        if (asJson) json(approved);
        else {
          io.out(`Release ${approved.releaseId} approved (sha256 ${approved.releaseSha256}).`);
          for (const warning of approved.warnings) io.out(`warning: ${warning}`);
        }
      });
      return;
    }
    case 'show': {
      const asJson = command.flag('json');
      command.finish(3);
      await withVault(command, (vault) => {
        const release = new ReleaseService(vault).show(id);
        if (asJson) json(release);
        else {
          io.out(`Release ${release.releaseId}  ${release.status}  of version ${release.version}  sha256 ${release.releaseSha256}`);
          io.out(`${release.record.record.title}\n`);
          io.out(release.record.record.narrative.text);
          if (release.record.record.translation) io.out(`\n${release.record.record.translation.text}`);
        }
      });
      return;
    }
    default:
      throw new UserError('usage', 'tw release prepare|check|approve|show ID …');
  }
}
