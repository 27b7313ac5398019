/**
 * Test fixture: a host process that speaks the protocol badly on purpose (junk, a lock event it may
 * not send, a progress event with content, a result for a call that does not exist, a result that
 * breaks the contract), to show that the main process's client ignores or refuses all of it.
 */
const send = process.send!.bind(process);
process.on('disconnect', () => process.exit(0));

process.on('message', (message: { type?: string; id?: number; config?: { vaultDir?: string } }) => {
  if (message.type === 'init') {
    if (message.config?.vaultDir === '/silent') return; // never says ready
    send('not an object');
    send({ type: 'ready', extra: true });
    send({ type: 'ready' });
    return;
  }
  if (message.type === 'call') {
    send({ type: 'event', event: { type: 'vault-locked', reason: 'idle' } });
    send({ type: 'event', event: { type: 'progress', operation: 'import', id: 'op-hostile-001', done: 1, title: 'Kim' } });
    send({ type: 'event', event: { type: 'progress', operation: 'import', id: 'op-hostile-001', done: 5, total: 2 } });
    send({ type: 'event', event: { type: 'progress', operation: 'import', id: 'op-hostile-001', done: 1, total: 2 } });
    send({ type: 'choose-files', id: 1, title: 'x'.repeat(5000) });
    send({ type: 'result', id: 999_999, result: { ok: true, value: { state: 'unlocked', session: { kind: 'recovery', userNames: ['mallory'] } } } });
    send({ type: 'result', id: message.id, result: { ok: true, value: { state: 'open' } } });
  }
});
