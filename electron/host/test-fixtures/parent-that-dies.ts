/**
 * Test fixture: a stand-in main process that starts the real service host and prints its pid, so
 * that a test can kill this parent with SIGKILL and check that the host does not outlive it.
 */
import path from 'node:path';
import { spawnNodeHost } from '../node-process';

const root = path.resolve(import.meta.dirname, '../../..');
const host = spawnNodeHost({ modulePath: path.join(root, 'electron/host/entry.ts'), execArgv: ['--import', 'tsx'], cwd: root });
host.onMessage((message) => {
  if ((message as { type?: string }).type === 'ready') console.log(`host ${host.pid}`);
});
host.postMessage({ type: 'init', config: { vaultDir: process.argv[2]! } });
setInterval(() => undefined, 1000);
