import { UserError } from '@shared/errors';

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/** Options that take no value. Everything else after `--name` takes the next word. */
const FLAGS = new Set(['json', 'redacted', 'help', 'pq', 'reasons', 'all', 'include', 'exclude', 'pending', 'since-last']);

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index]!;
    if (word === '--') {
      positional.push(...argv.slice(index + 1));
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq > 0 ? word.slice(2, eq) : word.slice(2);
      if (options.has(name)) throw new UserError('usage', `--${name} is given twice`);
      if (eq > 0) options.set(name, word.slice(eq + 1));
      else if (FLAGS.has(name)) options.set(name, true);
      else {
        const value = argv[index + 1];
        if (value === undefined || value.startsWith('--')) throw new UserError('usage', `--${name} needs a value`);
        options.set(name, value);
        index += 1;
      }
    } else {
      positional.push(word);
    }
  }
  return { positional, options };
}

export class Command {
  private readonly used = new Set<string>();
  constructor(private readonly args: ParsedArgs) {}

  option(name: string): string | undefined {
    this.used.add(name);
    const value = this.args.options.get(name);
    if (value === true) throw new UserError('usage', `--${name} needs a value`);
    return value;
  }

  required(name: string): string {
    const value = this.option(name);
    if (value === undefined || value === '') throw new UserError('usage', `--${name} is required`);
    return value;
  }

  flag(name: string): boolean {
    this.used.add(name);
    const value = this.args.options.get(name);
    if (value !== undefined && value !== true) throw new UserError('usage', `--${name} takes no value`);
    return value === true;
  }

  positional(index: number, what: string): string {
    const value = this.args.positional[index];
    if (value === undefined) throw new UserError('usage', `missing ${what}`);
    return value;
  }

  /** Refuses options this command does not know, so a typo is not silently ignored. */
  finish(expectedPositional: number): void {
    for (const name of this.args.options.keys()) {
      // --vault is read after this check, when the vault is opened.
      if (!this.used.has(name) && name !== 'vault') throw new UserError('usage', `unknown option --${name}`);
    }
    if (this.args.positional.length > expectedPositional) {
      throw new UserError('usage', `unexpected argument ${this.args.positional[expectedPositional]}`);
    }
  }
}
