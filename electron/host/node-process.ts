/**
 * Starts the service host as a plain Node child process (`child_process.fork`): for tests and for
 * running the services outside Electron. The app itself uses Electron's utilityProcess
 * (electron/main/index.ts); both give the host a process of its own.
 */
import { fork } from 'node:child_process';
import type { HostProcess } from './client';

export interface NodeHostOptions {
  /** The host's entry: electron/host/entry.ts (with tsx) or the built out/main/host.js. */
  modulePath: string;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function spawnNodeHost(options: NodeHostOptions): HostProcess {
  const child = fork(options.modulePath, [], {
    execArgv: options.execArgv ?? [],
    env: options.env ?? process.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    // Structured clone, as Electron's utilityProcess: Uint8Array and undefined survive.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A send to a process that just died fails with EPIPE: the exit handler reports that already.
  child.on('error', () => undefined);
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message) => {
      if (child.connected) child.send(message, (error) => void error);
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', (code) => listener(code)),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
