import { UserError } from '@shared/errors';

/**
 * Reads a secret: from the named environment variable where set, otherwise from a terminal prompt
 * that does not echo. Never from a non-terminal stdin, which might be a file on disk.
 */
export async function readSecret(envName: string, prompt: string, options: { confirm?: boolean } = {}): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UserError('no-passphrase', `Set ${envName} or run in a terminal to be asked for it`);
  }
  const first = await promptHidden(prompt);
  if (options.confirm) {
    const second = await promptHidden('Again, to confirm: ');
    if (first !== second) throw new UserError('passphrase-mismatch', 'The two passphrases differ');
  }
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new UserError('cancelled', 'Cancelled'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
