/**
 * The options every command that hosts labs shares (`--virtual-clock`, `--seed N`, `--state DIR`,
 * `--lessons DIR`), parsed in one place for `kubelab shell` and `kubelab web`.
 */

export interface LabOptionArgs {
  virtualClock: boolean;
  seed: number;
  state?: string;
  lessons?: string;
}

export const DEFAULT_LAB_OPTIONS: LabOptionArgs = { virtualClock: false, seed: 1 };

/**
 * Apply `flag` to `into` if it is a shared lab option. Returns `'unknown'` when it is not one,
 * an error message when its value is bad, and undefined when it was taken.
 */
export function takeLabOption(command: string, flag: string, value: () => string | undefined, into: LabOptionArgs): string | 'unknown' | undefined {
  switch (flag) {
    case '--virtual-clock':
      into.virtualClock = true;
      return undefined;
    case '--seed': {
      const v = value();
      if (!v || !/^\d+$/.test(v)) return `kubelab ${command}: --seed needs a whole number`;
      into.seed = Number(v);
      return undefined;
    }
    case '--state':
    case '--lessons': {
      const v = value();
      if (!v) return `kubelab ${command}: ${flag} needs a directory`;
      if (flag === '--state') into.state = v;
      else into.lessons = v;
      return undefined;
    }
    default:
      return 'unknown';
  }
}
