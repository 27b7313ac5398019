// Child process for the archive crash test: unlocks a vault and imports one archive.
// Prints "ready" once unlocked (the parent kills it some time after), "imported" when done.
import { Vault } from '../../electron/services/vault/vault';
import { ArchiveService } from '../../electron/services/archive/archive-service';

const [dir, passphrase, file] = process.argv.slice(2) as [string, string, string];
const vault = await Vault.unlock(dir, passphrase);
process.stdout.write('ready\n');
await new ArchiveService(vault).import(file);
process.stdout.write('imported\n');
vault.lock();
