// Child process for the crash test: unlocks a vault and adds testimonies until killed.
// Prints "ready" after unlock and each id only after its add has returned (committed).
import { Vault } from '../../electron/services/vault/vault';
import { TestimonyService } from '../../electron/services/testimony/testimony-service';

const [dir, passphrase] = process.argv.slice(2) as [string, string];
const vault = await Vault.unlock(dir, passphrase);
const service = new TestimonyService(vault);
process.stdout.write('ready\n');
for (let index = 0; ; index += 1) {
  const id = service.add({
    title: `crash test ${process.pid}-${index}`,
    narrative: `저는 ${index}번째 증언을 기록합니다. 회령에서 있었던 일입니다. `.repeat(20 + (index % 50)),
    events: [{ id: 'e1', violations: ['torture'], date: '2009' }],
  });
  process.stdout.write(`${id}\n`);
}
