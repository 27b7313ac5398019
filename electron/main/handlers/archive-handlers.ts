/**
 * Sealed archives over IPC: plan and seal an export, verify and import, conflicts, custody.
 *
 * Paths never come from the page. Where an archive goes is chosen in the main process's folder
 * dialog (it gets its random name there, which reveals nothing); which archive to open, in its open
 * dialog. A verified archive is then named by a token that lives in HandlerState.sessions, so that
 * locking forgets it with everything else. Progress goes out as events with the page's operation
 * id, phases and byte counts only.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { UserError } from '@shared/errors';
import { rolesAllow } from '@shared/roles';
import { parseTestimonyRecord } from '@shared/testimony/schema';
import type { ArchiveDescription, ArchiveProgress, ExportedTestimony, ExportSkip, ImportReport, VerifyReport } from '@shared/archive/reports';
import type { IpcParsedRequest, IpcResponse } from '@shared/ipc/contract';
import type { ExportPlanOptions } from '../../services/archive/archive-service';
import type { IpcHandlers } from '../../host/types';
import type { Disposable, HandlerState, OpenServices } from './context';

/** A file chosen in the open dialog and verified; import names it by its token. */
class ChosenArchive implements Disposable {
  constructor(readonly file: string) {}
  dispose(): void {
    // Holds a path only; forgetting it is all there is to do.
  }
}

type ExportRequest = IpcParsedRequest<'archive:plan-export'>;

function exportOptions(request: ExportRequest): ExportPlanOptions {
  const selection = request.selection;
  return {
    to: request.recipient,
    redacted: request.kind === 'redacted',
    ...(selection.by === 'ids' ? { ids: selection.ids } : {}),
    ...(selection.by === 'status' ? { status: selection.status } : {}),
    ...(selection.by === 'changed-since-last-export' ? { sinceLast: true } : {}),
  };
}

/** A left-out testimony with its title here and, for a withdrawal, its date (the page words the reason). */
function skipAnswer(services: OpenServices, skip: ExportSkip): IpcResponse<'archive:plan-export'>['skipped'][number] {
  const detail = services.testimonies.show(skip.testimonyId);
  const withdrawnOn = skip.reason === 'consent-withdrawn' ? detail.record.consent?.withdrawal?.date : undefined;
  return { testimonyId: skip.testimonyId, title: detail.title, reason: skip.reason, ...(withdrawnOn ? { withdrawnOn } : {}) };
}

/** The fields the page is told about a sealed testimony (a redacted one's derivedFrom stays here). */
function exportedAnswer({ id, title, version, versions, attachments }: ExportedTestimony) {
  return { id, title, version, versions, attachments };
}

function descriptionAnswer(report: ArchiveDescription) {
  return {
    archiveId: report.archiveId,
    kind: report.kind,
    sealedAt: report.sealedAt,
    sender: { ...report.sender },
    recipients: report.recipients.map((recipient) => ({ ...recipient })),
    testimonies: report.testimonies.map(({ id, title, status, versions, attachments, attachmentBytes, outcome, incomingVersions, derivedFrom }) => ({
      id,
      title,
      status,
      versions,
      attachments,
      attachmentBytes,
      outcome,
      incomingVersions,
      ...(derivedFrom ? { derivedFrom: { ...derivedFrom } } : {}),
    })),
    payloadFiles: report.payloadFiles,
    payloadBytes: report.payloadBytes,
    fileSize: report.fileSize,
    fileSha256: report.fileSha256,
  };
}

function verifyAnswer(report: VerifyReport) {
  return { ...descriptionAnswer(report), alreadyImportedAt: report.alreadyImported?.importedAt ?? null };
}

function importAnswer(report: ImportReport): IpcResponse<'archive:import'> {
  return { ...descriptionAnswer(report), alreadyImported: report.alreadyImported, importedAt: report.importedAt, conflicts: report.conflicts.length };
}

/** Reports an archive operation's progress as events; `finish` sends the final one. */
function progressReporter(state: HandlerState, operation: 'export' | 'verify' | 'import', id: string) {
  let last = { done: 0, total: 0 };
  return {
    onProgress: (progress: ArchiveProgress) => {
      last = { done: Math.min(progress.bytesDone, progress.bytesTotal), total: progress.bytesTotal };
      state.context.emitProgress({ type: 'progress', operation, id, phase: progress.phase, ...last });
    },
    finish: (phase: 'done' | 'failed') => {
      state.context.emitProgress({ type: 'progress', operation, id, phase, done: phase === 'done' ? last.total : last.done, total: last.total });
    },
  };
}

async function reporting<T>(reporter: ReturnType<typeof progressReporter>, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    reporter.finish('done');
    return result;
  } catch (error) {
    reporter.finish('failed');
    throw error;
  }
}

function mayOpenArchives(services: OpenServices): void {
  const user = services.vault.require('testimony.read');
  if (!rolesAllow(user.roles, 'archive.import') && !rolesAllow(user.roles, 'archive.export')) {
    throw new UserError('forbidden', `${user.name} may not open archives: it needs archive.import or archive.export`);
  }
}

export function archiveHandlers(state: HandlerState): Partial<IpcHandlers> {
  return {
    'archive:plan-export': async (request) => {
      const services = state.services();
      const plan = await services.archives.planExport(exportOptions(request));
      return {
        kind: plan.kind,
        recipient: { ...plan.recipient },
        testimonies: plan.testimonies.map(exportedAnswer),
        attachmentBytes: plan.attachmentBytes,
        skipped: plan.skipped.map((skip) => skipAnswer(services, skip)),
      };
    },

    'archive:export': async (request) => {
      const chooseFolder = state.context.chooseFolder;
      if (!chooseFolder) throw new UserError('not-available', 'There is no folder dialog here');
      // Refusals that need no folder come before the dialog.
      await state.services().archives.planExport(exportOptions(request));
      const folder = await chooseFolder({ title: request.dialogTitle ?? 'Where to write the sealed archive' });
      if (!folder) return { outcome: 'cancelled' as const };
      // services() again: the vault may have been locked while the dialog was open.
      const services = state.services();
      const reporter = progressReporter(state, 'export', request.operationId);
      const report = await reporting(reporter, () => services.archives.export({ ...exportOptions(request), out: folder, onProgress: reporter.onProgress }));
      return {
        outcome: 'written' as const,
        archiveId: report.archiveId,
        file: report.file,
        fileSize: report.fileSize,
        fileSha256: report.fileSha256,
        createdAt: report.createdAt,
        kind: report.kind,
        recipient: { ...report.recipient },
        testimonies: report.testimonies.map(exportedAnswer),
        attachmentBytes: report.attachmentBytes,
        skipped: report.skipped.map((skip) => skipAnswer(services, skip)),
        senderFingerprint: report.senderFingerprint,
        recipientFingerprints: [...report.recipientFingerprints],
        selfIsRecipient: report.selfIsRecipient,
      };
    },

    'archive:verify': async (request) => {
      const chooseFiles = state.context.chooseFiles;
      if (!chooseFiles) throw new UserError('not-available', 'There is no file dialog here');
      mayOpenArchives(state.services());
      const [file] = await chooseFiles({ title: request.dialogTitle ?? 'Open a sealed archive' });
      if (!file) return { outcome: 'cancelled' as const };
      const services = state.services();
      const reporter = progressReporter(state, 'verify', request.operationId);
      const report = await reporting(reporter, () => services.archives.verify(file, { onProgress: reporter.onProgress }));
      const fileToken = crypto.randomUUID();
      state.sessions.set(fileToken, new ChosenArchive(file));
      return { outcome: 'verified' as const, fileToken, fileName: path.basename(file), report: verifyAnswer(report) };
    },

    'archive:import': async (request) => {
      const chosen = state.sessions.get(request.fileToken);
      if (!(chosen instanceof ChosenArchive)) throw new UserError('no-such-transfer', 'Choose the archive again (was the vault locked?)');
      const services = state.services();
      const reporter = progressReporter(state, 'import', request.operationId);
      // Import verifies everything again: the file may have changed since it was verified.
      const report = await reporting(reporter, () => services.archives.import(chosen.file, { onProgress: reporter.onProgress }));
      state.sessions.delete(request.fileToken);
      return importAnswer(report);
    },

    'conflict:list': (request) => {
      const { archives, testimonies } = state.services();
      return {
        conflicts: archives.conflicts.list({ includeResolved: request.includeResolved }).map((conflict) => ({
          id: conflict.id,
          testimonyId: conflict.testimonyId,
          title: testimonies.show(conflict.testimonyId).title,
          archiveId: conflict.archiveId,
          senderName: conflict.senderName,
          detectedAt: conflict.detectedAt,
          baseVersion: conflict.baseVersion,
          localVersion: conflict.localVersion,
          incomingVersions: conflict.incoming.length,
          resolved: conflict.resolved ? { ...conflict.resolved } : null,
        })),
      };
    },

    'conflict:compare': (request) => {
      const { archives, testimonies } = state.services();
      const conflict = archives.conflicts.list({ includeResolved: true }).find((each) => each.id === request.conflictId);
      if (!conflict) throw new UserError('no-such-conflict', `There is no conflict ${request.conflictId}`);
      const incoming = parseTestimonyRecord(archives.conflicts.incomingRecord(request.conflictId));
      // Stored at import only after passing the same schema: a failure here is a bug.
      if (!incoming.ok) throw new Error('a stored conflict version fails its schema');
      const local = testimonies.show(conflict.testimonyId);
      return {
        local: { version: local.version, record: local.record },
        incoming: { originVersion: conflict.incoming.at(-1)!.originVersion, senderName: conflict.senderName, record: incoming.value },
      };
    },

    'conflict:resolve': (request) => state.services().archives.conflicts.resolve(request.conflictId, request.keep === 'local' ? 'kept-local' : 'took-incoming'),

    'custody:list': (request) => {
      const { archives } = state.services();
      const own = archives.keys.ownFingerprints();
      const names = new Map(archives.keys.listTrusted().map((workstation) => [workstation.fingerprint, workstation.name]));
      const party = (fingerprint: string) => ({ fingerprint, name: names.get(fingerprint) ?? null, isThisVault: own.has(fingerprint) });
      return {
        events: archives.custody(request.testimonyId).map((event) => ({
          id: event.id,
          event: event.event,
          at: event.at,
          archiveId: event.archiveId,
          sender: party(event.senderFingerprint),
          recipients: event.recipientFingerprints.map(party),
          learnedFromArchive: event.learnedFromArchive,
          ...(event.archiveSha256 ? { archiveSha256: event.archiveSha256 } : {}),
        })),
      };
    },
  };
}
