/**
 * `tw keys …`, `tw export`, `tw verify`, `tw import`, `tw conflicts …`, `tw custody`: the command-line
 * face of the archive service. Parsing and printing only; everything else is the service's.
 */
import { UserError } from '@shared/errors';
import { ArchivePurpose } from '@shared/archive/documents';
import type { ArchiveDescription, ExportReport, ImportReport, VerifyReport } from '@shared/archive/reports';
import { TestimonyStatus } from '@shared/testimony/schema';
import type { Vault } from '../services/vault/vault';
import { ArchiveService } from '../services/archive/archive-service';
import type { Command } from './args';

export interface CliContext {
  out(text: string): void;
  json(value: unknown): void;
  withVault<T>(command: Command, action: (vault: Vault) => Promise<T> | T): Promise<T>;
}

function parseIds(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (ids.length === 0) throw new UserError('usage', '--ids takes testimony ids separated by commas');
  return ids;
}

function parsePurpose(text: string | undefined): ArchivePurpose | undefined {
  if (text === undefined) return undefined;
  const parsed = ArchivePurpose.safeParse(text);
  if (!parsed.success) throw new UserError('usage', `unknown purpose "${text}": use ${ArchivePurpose.options.join(', ')}`);
  return parsed.data;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function describeContents(description: ArchiveDescription, ctx: CliContext): void {
  const sender = description.sender;
  ctx.out(`Sealed by ${sender.name}, fingerprint ${sender.fingerprint}`);
  ctx.out(`Archive ${description.archiveId} (${description.kind}), sealed ${description.sealedAt}`);
  ctx.out(`Recipients: ${description.recipients.map((r) => `${r.name ?? 'unknown workstation'} (${r.fingerprint})`).join('; ')}`);
  ctx.out(`${description.testimonies.length} testimonies, ${description.payloadFiles} files, ${formatBytes(description.payloadBytes)}; archive SHA-256 ${description.fileSha256}`);
  for (const testimony of description.testimonies) {
    const what = {
      new: `new, ${testimony.incomingVersions} version(s)`,
      same: 'already here, unchanged',
      older: 'older than the version here: nothing changes',
      newer: `${testimony.incomingVersions} newer version(s)`,
      conflict: `CONFLICT: edited here and there; ${testimony.incomingVersions} version(s) kept aside`,
      'conflict-known': 'conflicting edit already recorded',
    }[testimony.outcome];
    const copy = testimony.derivedFrom ? `  publication copy of ${testimony.derivedFrom.testimonyId} v${testimony.derivedFrom.version}` : '';
    ctx.out(`  ${testimony.id}  ${testimony.status.padEnd(9)}  ${testimony.attachments} attachment(s)  ${what}${copy}  ${testimony.title}`);
  }
}

export async function runKeysCommand(sub: string | undefined, command: Command, ctx: CliContext): Promise<void> {
  switch (sub) {
    case 'show': {
      const asJson = command.flag('json');
      command.finish(2);
      await ctx.withVault(command, async (vault) => {
        const keys = await new ArchiveService(vault).keys.show();
        // Exactly the three fields SPEC.md fixes, so that scripts can pass them to `tw keys trust`.
        if (asJson) ctx.json({ ageRecipient: keys.ageRecipient, minisignPublicKey: keys.minisignPublicKey, fingerprint: keys.fingerprint });
        else {
          ctx.out(`age recipient:      ${keys.ageRecipient}${keys.ageKind === 'hybrid' ? '  (post-quantum hybrid)' : ''}`);
          ctx.out(`minisign key:       ${keys.minisignPublicKey}`);
          ctx.out(`fingerprint:        ${keys.fingerprint}`);
          ctx.out('Read the fingerprint aloud to the other archivist and compare it with what their tw keys trust prints.');
        }
      });
      return;
    }
    case 'trust': {
      const name = command.required('name');
      const ageRecipient = command.required('age');
      const minisignPublicKey = command.required('minisign');
      const purpose = parsePurpose(command.option('purpose'));
      const asJson = command.flag('json');
      command.finish(2);
      await ctx.withVault(command, async (vault) => {
        const { workstation, alreadyTrusted } = await new ArchiveService(vault).keys.trust({
          name,
          ageRecipient,
          minisignPublicKey,
          ...(purpose ? { purpose } : {}),
        });
        if (asJson) ctx.json({ ...workstation, alreadyTrusted });
        else {
          ctx.out(`${alreadyTrusted ? 'Already trusted' : 'Trusted'}: ${workstation.name} (${workstation.purpose})`);
          ctx.out(`fingerprint: ${workstation.fingerprint}`);
          ctx.out(`Compare it, group by group, with what tw keys show prints on ${workstation.name}. If it differs, run tw keys untrust --name "${workstation.name}".`);
        }
      });
      return;
    }
    case 'list': {
      const asJson = command.flag('json');
      command.finish(2);
      await ctx.withVault(command, (vault) => {
        const list = new ArchiveService(vault).keys.listTrusted();
        if (asJson) ctx.json(list);
        else for (const w of list) ctx.out(`${w.name.padEnd(24)}  ${w.purpose.padEnd(22)}  ${w.fingerprint}`);
      });
      return;
    }
    case 'untrust': {
      const name = command.required('name');
      command.finish(2);
      await ctx.withVault(command, (vault) => {
        new ArchiveService(vault).keys.untrust(name);
        ctx.out(`${name} is no longer trusted.`);
      });
      return;
    }
    case 'rotate': {
      const pq = command.flag('pq');
      command.finish(2);
      await ctx.withVault(command, async (vault) => {
        const keys = await new ArchiveService(vault).keys.rotate({ pq });
        ctx.out(`New age recipient: ${keys.ageRecipient}`);
        ctx.out(`New fingerprint:   ${keys.fingerprint}`);
        ctx.out('Workstations that send archives to this vault must trust the new keys (tw keys untrust, then tw keys trust).');
        if (pq) ctx.out('A post-quantum archive opens with age 1.3 or newer on the command line.');
      });
      return;
    }
    case 'export-identity': {
      const out = command.required('out');
      command.finish(2);
      await ctx.withVault(command, async (vault) => {
        const written = await new ArchiveService(vault).keys.exportIdentity(out);
        ctx.out(`Wrote ${written.recipients.length} age identit${written.recipients.length === 1 ? 'y' : 'ies'} to ${written.file} (mode 0600).`);
        ctx.out('Whoever holds this file opens every archive sealed to this vault: keep it offline, like the recovery key.');
      });
      return;
    }
    default:
      throw new UserError('usage', 'tw keys show|trust|list|untrust|rotate|export-identity …');
  }
}

export async function runExportCommand(command: Command, ctx: CliContext): Promise<void> {
  const to = command.required('to');
  const out = command.required('out');
  const redacted = command.flag('redacted');
  const ids = parseIds(command.option('ids'));
  const statusText = command.option('status');
  const sinceLast = command.flag('since-last');
  const asJson = command.flag('json');
  command.finish(1);
  let status: TestimonyStatus | undefined;
  if (statusText !== undefined) {
    const parsed = TestimonyStatus.safeParse(statusText);
    if (!parsed.success) throw new UserError('usage', `unknown status "${statusText}": use draft, in-review, approved`);
    status = parsed.data;
  }
  await ctx.withVault(command, async (vault) => {
    const report: ExportReport = await new ArchiveService(vault).export({
      to,
      out,
      redacted,
      ...(ids ? { ids } : {}),
      ...(status ? { status } : {}),
      sinceLast,
    });
    if (asJson) {
      ctx.json(report);
      return;
    }
    const what = report.kind === 'redacted' ? 'approved releases' : 'testimonies';
    ctx.out(`Sealed ${report.testimonies.length} ${what} (${formatBytes(report.attachmentBytes)} of attachments) for ${report.recipient.name}:`);
    ctx.out(report.file);
    ctx.out(`archive ${report.archiveId}, ${formatBytes(report.fileSize)}, SHA-256 ${report.fileSha256}`);
    ctx.out(`recipient fingerprint ${report.recipient.fingerprint}`);
    if (!report.selfIsRecipient) ctx.out('This vault is not a recipient: its key and the recipient\'s are of different kinds (post-quantum and X25519 cannot be mixed).');
    for (const testimony of report.testimonies) {
      if (testimony.derivedFrom) ctx.out(`release ${testimony.id} of testimony ${testimony.derivedFrom.testimonyId} v${testimony.derivedFrom.version}`);
    }
    for (const skip of report.skipped) ctx.out(`not exported: ${skip.testimonyId}: ${skip.message}`);
  });
}

function printOpened(report: VerifyReport | ImportReport, ctx: CliContext): void {
  describeContents(report, ctx);
}

export async function runVerifyCommand(command: Command, ctx: CliContext): Promise<void> {
  const file = command.positional(1, 'archive file');
  const asJson = command.flag('json');
  command.finish(2);
  await ctx.withVault(command, async (vault) => {
    const report = await new ArchiveService(vault).verify(file);
    if (asJson) {
      ctx.json(report);
      return;
    }
    ctx.out('Archive intact: decrypted, every hash and the signature check out.');
    printOpened(report, ctx);
    if (report.alreadyImported) ctx.out(`Imported into this vault before, on ${report.alreadyImported.importedAt}.`);
  });
}

export async function runImportCommand(command: Command, ctx: CliContext): Promise<void> {
  const file = command.positional(1, 'archive file');
  const asJson = command.flag('json');
  command.finish(2);
  await ctx.withVault(command, async (vault) => {
    const report = await new ArchiveService(vault).import(file);
    if (asJson) {
      ctx.json(report);
      return;
    }
    if (report.alreadyImported) {
      ctx.out(`Already imported on ${report.importedAt}: nothing changed.`);
      ctx.out(`Sealed by ${report.sender.name}, fingerprint ${report.sender.fingerprint}`);
      return;
    }
    ctx.out('Imported.');
    printOpened(report, ctx);
    if (report.conflicts.length > 0) ctx.out(`${report.conflicts.length} conflict(s) to resolve: tw conflicts list --vault …`);
  });
}

export async function runConflictsCommand(sub: string | undefined, command: Command, ctx: CliContext): Promise<void> {
  switch (sub) {
    case 'list': {
      const testimonyId = command.option('testimony');
      const all = command.flag('all');
      const asJson = command.flag('json');
      command.finish(2);
      await ctx.withVault(command, (vault) => {
        const list = new ArchiveService(vault).conflicts.list({ ...(testimonyId ? { testimonyId } : {}), includeResolved: all });
        if (asJson) ctx.json(list);
        else {
          for (const c of list) {
            const state = c.resolved ? `resolved (${c.resolved.resolution}) by ${c.resolved.by}` : 'open';
            ctx.out(`${c.id}  testimony ${c.testimonyId}  from ${c.senderName}  here v${c.localVersion}, common v${c.baseVersion}, ${c.incoming.length} incoming version(s)  ${state}`);
          }
          if (list.length === 0) ctx.out('No conflicts.');
        }
      });
      return;
    }
    case 'resolve': {
      const id = command.positional(2, 'conflict id');
      const keep = command.required('keep');
      if (keep !== 'local' && keep !== 'incoming') throw new UserError('usage', '--keep takes local or incoming');
      command.finish(3);
      await ctx.withVault(command, (vault) => {
        const result = new ArchiveService(vault).conflicts.resolve(id, keep === 'local' ? 'kept-local' : 'took-incoming');
        ctx.out(keep === 'local' ? 'Kept the version here; the other stays in the conflict record.' : `Took the incoming version as version ${result.version}.`);
      });
      return;
    }
    default:
      throw new UserError('usage', 'tw conflicts list|resolve …');
  }
}

export async function runCustodyCommand(command: Command, ctx: CliContext): Promise<void> {
  const id = command.positional(1, 'testimony id');
  const asJson = command.flag('json');
  command.finish(2);
  await ctx.withVault(command, (vault) => {
    const service = new ArchiveService(vault);
    const chain = service.custody(id);
    const publication = asJson ? null : service.publication(id);
    if (asJson) ctx.json(chain);
    else {
      if (publication) {
        const from = publication.derivedFrom;
        ctx.out(`Publication copy of release ${publication.releaseId} (release SHA-256 ${publication.releaseSha256}), from ${publication.senderName}:`);
        ctx.out(`derived from testimony ${from.testimonyId} version ${from.version} (record SHA-256 ${from.recordSha256})${publication.originalHere ? ', which this vault holds' : ', which stays in the vault that issued it'}`);
      }
      for (const event of chain) {
        const by = event.learnedFromArchive ? `learned from archive ${event.learnedFromArchive}` : 'recorded here';
        ctx.out(`${event.at}  ${event.event.padEnd(8)}  archive ${event.archiveId}  from ${event.senderFingerprint}  (${by})`);
      }
      if (chain.length === 0) ctx.out('No exports or imports recorded for this testimony.');
    }
  });
}
