/**
 * Test fixture: the real service host (runServiceHost over the real Node transport) with handlers
 * that report progress the way a long export does, so that the tests see throttling, the final
 * event, and a malformed event being refused. Started by client.test.ts only.
 */
import { UserError } from '@shared/errors';
import { IPC_CHANNELS } from '@shared/ipc/contract';
import type { ProgressEvent } from '@shared/ipc/events';
import { runServiceHost } from '../service-host';

const send = process.send!.bind(process);
process.on('disconnect', () => process.exit(0));

runServiceHost(
  {
    post: (message) => void send(message),
    onMessage: (listener) => process.on('message', listener),
    exit: (code) => setImmediate(() => process.exit(code)),
  },
  {
    createHandlers: (context) => ({
      // Pretends to seal 4 MiB in 64 KiB chunks, reporting every chunk.
      [IPC_CHANNELS.vaultStatus]: async () => {
        const total = 4 * 1024 * 1024;
        const id = 'op-sealing-0001';
        for (let done = 0; done <= total; done += 64 * 1024) {
          context.emitProgress({ type: 'progress', operation: 'export', id, phase: 'encrypting', done, total });
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        context.emitProgress({ type: 'progress', operation: 'export', id, phase: 'done', done: total, total });
        return { state: 'locked' };
      },
      // A handler bug: an event with content in it must never leave the host.
      [IPC_CHANNELS.vaultChangePassphrase]: () => {
        context.emitProgress({ type: 'progress', operation: 'export', id: 'op-leaky-00001', done: 1, note: 'Kim Chol-su' } as unknown as ProgressEvent);
        return null;
      },
      // Asks the main process for its file dialog, as the attachment handler does.
      [IPC_CHANNELS.vaultUnlock]: async () => {
        const chosen = context.chooseFiles ? await context.chooseFiles({ title: 'Choose recordings' }) : ['(no dialog)'];
        throw new UserError('chosen', chosen.join(','));
      },
      // Asks for the folder and the save dialogs, as export and export-identity do.
      [IPC_CHANNELS.vaultCreate]: async () => {
        if (!context.chooseFolder || !context.chooseSaveLocation) throw new UserError('chosen', '(no dialog)');
        const folder = await context.chooseFolder({ title: 'Where to seal' });
        const file = await context.chooseSaveLocation({ title: 'Save the identity', defaultName: 'age-identity.txt' });
        throw new UserError('chosen', `${folder ?? '(cancelled)'}|${file ?? '(cancelled)'}`);
      },
    }),
  },
);
