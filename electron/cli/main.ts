import fs from 'node:fs';
import path from 'node:path';
import { isUserError, UserError } from '@shared/errors';
import { parseRoleList, type Role } from '@shared/roles';
import { TestimonyStatus } from '@shared/testimony/schema';
import { Vault } from '../services/vault/vault';
import { TestimonyService } from '../services/testimony/testimony-service';
import { SearchService } from '../services/search/search-service';
import { AttachmentService } from '../services/attachments/attachment-service';
import { pipeline } from 'node:stream/promises';
import { statUserFile } from '../services/files/regular-file';
import { Command, parseArgs } from './args';
import { REDACTION_USAGE } from './redaction-usage';
import { readSecret } from './prompt';
import { ConflictService } from '../services/archive/conflicts';
// The archive commands are loaded when used: they bring the age and minisign code, which every
// other command would otherwise pay for at start-up.
import type { CliContext } from './archive-commands';

const USAGE = `tw — Testimony Workstation command line

  tw init --vault DIR --user NAME [--role R[,R…]]    create a vault; prints the recovery key once
  tw user add --vault DIR --name NAME --role R[,R…]  add a user (new passphrase: TW_NEW_PASSPHRASE or prompt)
  tw passphrase change --vault DIR [--user NAME]     set a new passphrase (with the recovery key: for NAME)
  tw testimony add --vault DIR --file T.json         add a testimony; prints its id
  tw testimony update ID --vault DIR --file T.json [--expect-version N]
  tw testimony list --vault DIR [--status S] [--json]
  tw testimony show ID --vault DIR [--version N] [--json]
  tw testimony versions ID --vault DIR [--json]
  tw testimony status ID STATUS --vault DIR          draft | in-review | approved
  tw attach ID FILE --vault DIR [--json]             attach a file (stored encrypted) to a testimony
  tw attachment list ID --vault DIR [--json]
  tw attachment get ATTACHMENT_ID --vault DIR --out FILE
  tw attachment verify ATTACHMENT_ID --vault DIR     decrypt and compare with the hash taken at ingest
  tw search QUERY --vault DIR [--violation V] [--province P] [--year Y] [--limit N] [--json]
  tw audit verify --vault DIR [--json]
  tw detect [--reasons]                              JSON lines {"id","text"} in, {"id","spans"} out; no vault
${REDACTION_USAGE}
  tw keys show --vault DIR [--json]                 this vault's age recipient, minisign key and fingerprint
  tw keys trust --vault DIR --name NAME --age RECIPIENT --minisign PUBKEY [--purpose P]
                                                     trust a workstation (P: internal-archive, redacted-publication,
                                                     named-publication, un-or-court-submission; default internal-archive)
  tw keys list --vault DIR [--json]                 trusted workstations
  tw keys untrust --vault DIR --name NAME
  tw keys rotate --vault DIR [--pq]                 new age identity (--pq: post-quantum hybrid); old one kept to open old archives
  tw keys export-identity --vault DIR --out FILE    write the age identity for recovery with the age command line
  tw export --vault DIR --to NAME --out DIR|FILE [--redacted] [--ids A,B] [--status S] [--since-last] [--json]
  tw verify FILE --vault DIR [--json]                check an archive completely; imports nothing
  tw import FILE --vault DIR [--json]                import; the same archive twice changes nothing
  tw conflicts list --vault DIR [--testimony ID] [--all] [--json]
  tw conflicts resolve CONFLICT_ID --keep local|incoming --vault DIR
  tw custody TESTIMONY_ID --vault DIR [--json]       chain of custody of a testimony

Roles: interviewer, reviewer, archivist. The passphrase comes from TW_PASSPHRASE where set,
otherwise from a prompt that does not echo. Exit status 0 on success, non-zero on any refusal.`;

/** Largest testimony file accepted: the narrative limit plus room for fields. */
const MAX_TESTIMONY_FILE_BYTES = 16 * 1024 * 1024;

type Output = { out: (text: string) => void };

async function withVault<T>(command: Command, action: (vault: Vault) => Promise<T> | T): Promise<T> {
  const dir = command.required('vault');
  const passphrase = await readSecret('TW_PASSPHRASE', 'Passphrase or recovery key: ');
  const vault = await Vault.unlock(dir, passphrase);
  try {
    return await action(vault);
  } finally {
    vault.lock();
  }
}

function readJsonFile(file: string): unknown {
  const stat = statUserFile(file);
  if (stat.size > MAX_TESTIMONY_FILE_BYTES) {
    throw new UserError('file-too-large', `${file} is larger than ${MAX_TESTIMONY_FILE_BYTES / 1024 / 1024} MiB`);
  }
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError('malformed-json', `${path.basename(file)} is not valid JSON: ${(error as Error).message}`);
  }
}

function parseRoles(text: string | undefined, fallback: Role[]): Role[] {
  if (text === undefined) return fallback;
  const roles = parseRoleList(text);
  if (!roles) throw new UserError('usage', `unknown role in "${text}": use interviewer, reviewer, archivist`);
  return roles;
}

function parsePositiveInt(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new UserError('usage', `--${name} takes a whole number`);
  return Number(text);
}

function parseStatus(text: string): TestimonyStatus {
  const parsed = TestimonyStatus.safeParse(text);
  if (!parsed.success) throw new UserError('usage', `unknown status "${text}": use draft, in-review, approved`);
  return parsed.data;
}

async function run(argv: string[], io: Output): Promise<void> {
  const args = parseArgs(argv);
  const [group, sub] = args.positional;
  const command = new Command(args);
  const json = (value: unknown) => io.out(JSON.stringify(value, null, 2));
  const archiveContext: CliContext = { out: io.out, json, withVault };

  if (!group || group === 'help' || args.options.has('help')) {
    io.out(USAGE);
    return;
  }

  switch (group) {
    case 'init': {
      const dir = command.required('vault');
      const userName = command.required('user');
      const roles = parseRoles(command.option('role'), ['interviewer', 'reviewer', 'archivist']);
      command.finish(1);
      const passphrase = await readSecret('TW_PASSPHRASE', 'New passphrase: ', { confirm: true });
      const { vault, recoveryKey } = await Vault.create(dir, { userName, roles, passphrase });
      vault.lock();
      io.out(`Vault created in ${dir} for ${userName} (${roles.join(', ')}).`);
      io.out('Recovery key — write it on paper now and keep it apart from this laptop; it is shown only once:');
      io.out(recoveryKey);
      return;
    }
    case 'user': {
      if (sub !== 'add') throw new UserError('usage', 'tw user add --vault DIR --name NAME --role R');
      const name = command.required('name');
      const roles = parseRoles(command.required('role'), []);
      command.finish(2);
      await withVault(command, async (vault) => {
        const passphrase = await readSecret('TW_NEW_PASSPHRASE', `Passphrase for ${name}: `, { confirm: true });
        const user = await vault.addUser({ name, roles, passphrase });
        io.out(`Added ${user.name} (${user.roles.join(', ')}).`);
      });
      return;
    }
    case 'passphrase': {
      if (sub !== 'change') throw new UserError('usage', 'tw passphrase change --vault DIR [--user NAME]');
      const userName = command.option('user');
      command.finish(2);
      await withVault(command, async (vault) => {
        const newPassphrase = await readSecret('TW_NEW_PASSPHRASE', 'New passphrase: ', { confirm: true });
        await vault.setPassphrase({ ...(userName ? { userName } : {}), newPassphrase });
        io.out('Passphrase changed.');
      });
      return;
    }
    case 'testimony': {
      switch (sub) {
        case 'add': {
          const file = command.required('file');
          command.finish(2);
          const input = readJsonFile(file);
          await withVault(command, (vault) => io.out(new TestimonyService(vault).add(input)));
          return;
        }
        case 'update': {
          const id = command.positional(2, 'testimony id');
          const file = command.required('file');
          const expected = parsePositiveInt(command.option('expect-version'), 'expect-version');
          command.finish(3);
          const input = readJsonFile(file);
          await withVault(command, (vault) => io.out(String(new TestimonyService(vault).update(id, input, expected))));
          return;
        }
        case 'list': {
          const asJson = command.flag('json');
          const status = command.option('status');
          command.finish(2);
          await withVault(command, (vault) => {
            const list = new TestimonyService(vault).list(status ? { status: parseStatus(status) } : {});
            const conflicted = new ConflictService(vault).openConflictIds();
            if (asJson) json(list.map((item) => ({ ...item, conflict: conflicted.has(item.id) })));
            else for (const item of list) io.out(`${item.id}  ${item.status.padEnd(9)}  v${item.version}  ${item.title}${conflicted.has(item.id) ? '  [CONFLICT]' : ''}`);
          });
          return;
        }
        case 'show': {
          const id = command.positional(2, 'testimony id');
          const version = parsePositiveInt(command.option('version'), 'version');
          const asJson = command.flag('json');
          command.finish(3);
          await withVault(command, (vault) => {
            const detail = new TestimonyService(vault).show(id, version);
            const conflicts = new ConflictService(vault).list({ testimonyId: id });
            if (asJson) json({ ...detail, conflicts });
            else {
              io.out(`${detail.title}\n${detail.id}  ${detail.status}  version ${detail.version}\n`);
              for (const c of conflicts) {
                io.out(`CONFLICT: ${c.senderName} edited this testimony too (archive ${c.archiveId}); their ${c.incoming.length} version(s) are kept aside. See tw conflicts list --testimony ${id}\n`);
              }
              io.out(detail.record.narrative.text);
            }
          });
          return;
        }
        case 'versions': {
          const id = command.positional(2, 'testimony id');
          const asJson = command.flag('json');
          command.finish(3);
          await withVault(command, (vault) => {
            const versions = new TestimonyService(vault).versions(id);
            if (asJson) json(versions);
            else for (const v of versions) io.out(`v${v.version}  ${v.createdAt}  ${v.recordSha256}`);
          });
          return;
        }
        case 'status': {
          const id = command.positional(2, 'testimony id');
          const status = parseStatus(command.positional(3, 'status'));
          command.finish(4);
          await withVault(command, (vault) => new TestimonyService(vault).setStatus(id, status));
          return;
        }
        default:
          throw new UserError('usage', 'tw testimony add|update|list|show|versions|status …');
      }
    }
    case 'search': {
      const query = command.positional(1, 'search words');
      const asJson = command.flag('json');
      const violation = command.option('violation');
      const province = command.option('province');
      const year = parsePositiveInt(command.option('year'), 'year');
      const limit = parsePositiveInt(command.option('limit'), 'limit');
      command.finish(2);
      await withVault(command, (vault) => {
        const result = new SearchService(vault).search(
          query,
          { ...(violation ? { violation } : {}), ...(province ? { province } : {}), ...(year !== undefined ? { year } : {}) },
          limit !== undefined ? { limit } : {},
        );
        if (asJson) json(result);
        else {
          io.out(`${result.totalIsLowerBound ? 'at least ' : ''}${result.total} found${result.rankedByRelevance ? ', best first' : ', newest first'}`);
          for (const hit of result.hits) io.out(`${hit.id}  ${hit.status.padEnd(9)}  ${hit.title}`);
        }
      });
      return;
    }
    case 'audit': {
      if (sub !== 'verify') throw new UserError('usage', 'tw audit verify --vault DIR');
      const asJson = command.flag('json');
      command.finish(2);
      await withVault(command, (vault) => {
        vault.require('audit.read');
        const result = vault.verifyAudit();
        if (asJson) json(result);
        if (!result.ok) throw new UserError('audit-broken', `The audit log is broken: ${result.problem}`);
        if (!asJson) io.out(`Audit log intact: ${result.entries} entries.`);
      });
      return;
    }
    case 'attach': {
      const id = command.positional(1, 'testimony id');
      const file = command.positional(2, 'file to attach');
      const asJson = command.flag('json');
      command.finish(3);
      await withVault(command, async (vault) => {
        const info = await new AttachmentService(vault).attachFile(id, file);
        if (asJson) json(info);
        else io.out(`${info.id}  ${info.size} bytes  sha256 ${info.sha256}`);
      });
      return;
    }
    case 'attachment': {
      const id = command.positional(2, sub === 'list' ? 'testimony id' : 'attachment id');
      switch (sub) {
        case 'list': {
          const asJson = command.flag('json');
          command.finish(3);
          await withVault(command, (vault) => {
            const list = new AttachmentService(vault).list(id);
            if (asJson) json(list);
            else for (const item of list) io.out(`${item.id}  ${item.mediaType.padEnd(12)}  ${item.size}  ${item.fileName}`);
          });
          return;
        }
        case 'get': {
          // Writing the plaintext out is the user's explicit choice of place; never over an existing file.
          const out = command.required('out');
          command.finish(3);
          await withVault(command, async (vault) => {
            const { stream } = new AttachmentService(vault).open(id);
            let target: fs.WriteStream;
            try {
              target = fs.createWriteStream(out, { flags: 'wx', mode: 0o600 });
            } catch {
              throw new UserError('cannot-write', `Cannot write ${out}`);
            }
            try {
              await pipeline(stream, target);
            } catch (error) {
              fs.rmSync(out, { force: true });
              if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError('file-exists', `${out} exists already`);
              throw error;
            }
          });
          return;
        }
        case 'verify': {
          command.finish(3);
          await withVault(command, async (vault) => {
            await new AttachmentService(vault).verify(id);
            io.out('Attachment intact.');
          });
          return;
        }
        default:
          throw new UserError('usage', 'tw attachment list|get|verify …');
      }
    }
    case 'review':
    case 'release': {
      // Loaded on demand: the detector and image codecs are large, and other commands never need them.
      const redaction = await import('./redaction-commands');
      await (group === 'review' ? redaction.runReviewCommand : redaction.runReleaseCommand)(command, sub, io, withVault);
      return;
    }
    case 'detect': {
      const reasons = command.flag('reasons');
      command.finish(1);
      // Loaded on demand: the detector's word lists are not parsed for the vault commands.
      const { runDetect } = await import('./detect-command');
      await runDetect(process.stdin, process.stdout, { reasons });
      return;
    }
    case 'keys':
      return (await import('./archive-commands')).runKeysCommand(sub, command, archiveContext);
    case 'export':
      return (await import('./archive-commands')).runExportCommand(command, archiveContext);
    case 'verify':
      return (await import('./archive-commands')).runVerifyCommand(command, archiveContext);
    case 'import':
      return (await import('./archive-commands')).runImportCommand(command, archiveContext);
    case 'conflicts':
      return (await import('./archive-commands')).runConflictsCommand(sub, command, archiveContext);
    case 'custody':
      return (await import('./archive-commands')).runCustodyCommand(command, archiveContext);
    default:
      throw new UserError('usage', `unknown command "${group}"; see tw help`);
  }
}

/** Runs the command line; returns the exit status. User mistakes are one line on stderr. */
export async function main(argv: string[], io: Output = { out: (text) => process.stdout.write(`${text}\n`) }): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`tw: ${error.message}\n`);
      return error.code === 'usage' ? 2 : 1;
    }
    // Internal errors: no message text, which might quote testimony; the stack only on request.
    const name = error instanceof Error ? error.name : 'Error';
    const code = (error as { code?: unknown }).code;
    process.stderr.write(`tw: internal error (${name}${typeof code === 'string' ? ` ${code}` : ''}); set TW_DEBUG=1 for details\n`);
    if (process.env.TW_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 70;
  }
}
