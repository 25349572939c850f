/** pflag's parsing rules and error wording, as kubectl's commands see them. */
import { describe, expect, it } from 'vitest';
import { type FlagSpec, FlagReader, GLOBAL_FLAGS, type ParsedFlags, parseFlags } from '../../../src/main/kubectl/flags.js';
import { GET_FLAGS } from '../../../src/main/kubectl/commands/get.js';
import { DELETE_FLAGS } from '../../../src/main/kubectl/commands/delete.js';
import { APPLY_FLAGS } from '../../../src/main/kubectl/commands/apply.js';

/** Like `kubectl exec`: -i and -t combine, -c takes a value. */
const EXEC_FLAGS: FlagSpec[] = [
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'container', short: 'c', type: 'string' },
  { name: 'quiet', short: 'q', type: 'bool' },
];

const GET = [...GLOBAL_FLAGS, ...GET_FLAGS];
const DELETE = [...GLOBAL_FLAGS, ...DELETE_FLAGS];

function parsed(args: string[], specs: readonly FlagSpec[] = GET): ParsedFlags {
  const result = parseFlags(args, specs);
  if (!result.ok) throw new Error(`unexpected parse error: ${result.error}`);
  return result.flags;
}

function reader(args: string[], specs: readonly FlagSpec[] = GET): FlagReader {
  return new FlagReader(parsed(args, specs));
}

function error(args: string[], specs: readonly FlagSpec[] = GET): string {
  const result = parseFlags(args, specs);
  if (result.ok) throw new Error(`expected an error for ${args.join(' ')}`);
  return result.error;
}

describe('parseFlags: values', () => {
  it.each([
    [['-n', 'kube-system', 'pods']],
    [['-n=kube-system', 'pods']],
    [['-nkube-system', 'pods']],
    [['--namespace', 'kube-system', 'pods']],
    [['--namespace=kube-system', 'pods']],
    [['pods', '--namespace=kube-system']],
  ])('reads the namespace from %j', (args) => {
    const flags = reader(args);
    expect(flags.string('namespace')).toBe('kube-system');
    expect(flags.positional).toEqual(['pods']);
  });

  it('keeps everything after the first = in --flag=value', () => {
    expect(reader(['get', '--selector=app=web,tier=front']).string('selector')).toBe('app=web,tier=front');
    expect(reader(['get', '-lapp=web']).string('selector')).toBe('app=web');
    expect(reader(['get', '-l=app=web']).string('selector')).toBe('app=web');
  });

  it('takes the next argument as the value even when it looks like a flag', () => {
    expect(reader(['-n', '-A']).string('namespace')).toBe('-A');
    expect(reader(['-n', '-A']).bool('all-namespaces')).toBe(false);
  });

  it('lets a later flag override an earlier one', () => {
    expect(reader(['-n', 'a', '--namespace', 'b']).string('namespace')).toBe('b');
  });

  it('accepts flags anywhere among the arguments', () => {
    const flags = reader(['pods', '-o', 'wide', 'web', '-A', 'db']);
    expect(flags.positional).toEqual(['pods', 'web', 'db']);
    expect(flags.string('output')).toBe('wide');
    expect(flags.bool('all-namespaces')).toBe(true);
  });

  it('treats a lone - as a positional argument', () => {
    expect(reader(['-'], [...GLOBAL_FLAGS, ...APPLY_FLAGS]).positional).toEqual(['-']);
  });

  it('sets bool flags with no value, and reads --flag=false and -A=false', () => {
    expect(reader(['--show-labels']).bool('show-labels')).toBe(true);
    expect(reader(['--show-labels=false']).bool('show-labels')).toBe(false);
    expect(reader(['--show-labels=true']).bool('show-labels')).toBe(true);
    expect(reader(['-A=false']).bool('all-namespaces')).toBe(false);
    expect(reader(['--show-labels=F']).bool('show-labels', true)).toBe(false);
    expect(reader(['--show-labels=1']).bool('show-labels')).toBe(true);
  });

  it('never takes the next argument as a bool flag value', () => {
    const flags = reader(['--show-labels', 'false']);
    expect(flags.bool('show-labels')).toBe(true);
    expect(flags.positional).toEqual(['false']);
  });

  it('combines bool shorthands, ending with one that takes a value', () => {
    const flags = reader(['-it', 'web', '--', 'sh'], EXEC_FLAGS);
    expect(flags.bool('stdin')).toBe(true);
    expect(flags.bool('tty')).toBe(true);
    expect(flags.positional).toEqual(['web']);
    const withValue = reader(['-itcnginx'], EXEC_FLAGS);
    expect(withValue.string('container')).toBe('nginx');
    expect(withValue.bool('tty')).toBe(true);
    const separate = reader(['-qic', 'nginx', 'web'], EXEC_FLAGS);
    expect(separate.string('container')).toBe('nginx');
    expect(separate.bool('quiet')).toBe(true);
    expect(separate.positional).toEqual(['web']);
  });

  it('reads -A and -l together as kubectl get -Al does', () => {
    const flags = reader(['pods', '-Al', 'app=web']);
    expect(flags.bool('all-namespaces')).toBe(true);
    expect(flags.string('selector')).toBe('app=web');
  });

  it('stops at -- and keeps the rest apart', () => {
    const flags = parsed(['web', '-i', '--', 'ls', '-la', '--', '-n'], EXEC_FLAGS);
    expect(flags.positional).toEqual(['web']);
    expect(flags.afterDash).toEqual(['ls', '-la', '--', '-n']);
    expect(flags.dashSeen).toBe(true);
    expect(flags.values.has('namespace')).toBe(false);
    const none = parsed(['web'], EXEC_FLAGS);
    expect(none.dashSeen).toBe(false);
    expect(none.afterDash).toEqual([]);
    expect(new FlagReader(parsed(['x', '--'], EXEC_FLAGS)).afterDash).toEqual([]);
  });

  it('accumulates stringArray flags without splitting on commas', () => {
    const flags = reader(['-f', 'a.yaml', '--filename=b.yaml,c.yaml', '-fd.yaml'], [...GLOBAL_FLAGS, ...APPLY_FLAGS]);
    expect(flags.strings('filename')).toEqual(['a.yaml', 'b.yaml,c.yaml', 'd.yaml']);
    expect(reader(['--as-group', 'a', '--as-group', 'b']).strings('as-group')).toEqual(['a', 'b']);
  });

  it('parses ints and durations', () => {
    const flags = reader(['--grace-period', '5', '--timeout=1m30s'], DELETE);
    expect(flags.number('grace-period', -1)).toBe(5);
    expect(flags.number('timeout', 0)).toBe(90_000);
    expect(reader(['--grace-period=-1'], DELETE).number('grace-period', 0)).toBe(-1);
    expect(reader(['--timeout', '500ms'], DELETE).number('timeout', 0)).toBe(500);
    expect(reader(['-v', '6']).number('v', 0)).toBe(6);
    expect(reader(['-v=4']).number('v', 0)).toBe(4);
  });

  it('takes "-n=" as the value "=", as pflag only splits -n=value with something after the =', () => {
    expect(reader(['-n=']).string('namespace')).toBe('=');
  });

  it('gives a shorthand with an optional value its default and goes on with the group', () => {
    const specs: FlagSpec[] = [
      { name: 'dry-run', short: 'd', type: 'string', noOptDefault: 'unchanged' },
      { name: 'all', short: 'a', type: 'bool' },
    ];
    const flags = reader(['-da'], specs);
    expect(flags.string('dry-run')).toBe('unchanged');
    expect(flags.bool('all')).toBe(true);
    expect(reader(['-d=client'], specs).string('dry-run')).toBe('client');
  });

  it('gives a flag with an optional value its default when written alone', () => {
    const apply = [...GLOBAL_FLAGS, ...APPLY_FLAGS];
    expect(reader(['--dry-run'], apply).string('dry-run')).toBe('unchanged');
    expect(reader(['--dry-run', 'client'], apply).positional).toEqual(['client']);
    expect(reader(['--dry-run=server'], apply).string('dry-run')).toBe('server');
    expect(reader(['--cascade'], DELETE).string('cascade')).toBe('background');
  });
});

describe('FlagReader', () => {
  it('falls back when a flag was not given or has another type', () => {
    const flags = reader(['pods']);
    expect(flags.has('output')).toBe(false);
    expect(flags.string('output')).toBe('');
    expect(flags.string('output', 'table')).toBe('table');
    expect(flags.bool('show-labels')).toBe(false);
    expect(flags.bool('show-labels', true)).toBe(true);
    expect(flags.number('chunk-size', 500)).toBe(500);
    expect(flags.strings('filename')).toEqual([]);
    expect(reader(['-o', 'yaml']).has('output')).toBe(true);
    expect(reader(['-o', 'yaml']).strings('output')).toEqual(['yaml']);
    expect(reader(['-o', 'yaml']).number('output', 7)).toBe(7);
  });
});

describe('parseFlags: errors in pflag wording', () => {
  it('reports unknown flags', () => {
    expect(error(['pods', '--foo'])).toBe('unknown flag: --foo');
    expect(error(['pods', '--foo=bar'])).toBe('unknown flag: --foo');
  });

  it('reports an unknown shorthand with the shorthands still to parse', () => {
    expect(error(['-z'])).toBe("unknown shorthand flag: 'z' in -z");
    // pflag names what is left of the group, not the whole argument.
    expect(error(['-Az'])).toBe("unknown shorthand flag: 'z' in -z");
    expect(error(['-iqz'], EXEC_FLAGS)).toBe("unknown shorthand flag: 'z' in -z");
    expect(error(['-zA'])).toBe("unknown shorthand flag: 'z' in -zA");
  });

  it('rejects malformed long flags', () => {
    expect(error(['---namespace'])).toBe('bad flag syntax: ---namespace');
    expect(error(['--=x'])).toBe('bad flag syntax: --=x');
  });

  it('reports a missing argument', () => {
    expect(error(['pods', '--namespace'])).toBe('flag needs an argument: --namespace');
    expect(error(['pods', '-n'])).toBe("flag needs an argument: 'n' in -n");
    expect(error(['pods', '-An'])).toBe("flag needs an argument: 'n' in -n");
    expect(error(['-o'])).toBe("flag needs an argument: 'o' in -o");
  });

  it('reports bad bool values with strconv.ParseBool wording', () => {
    expect(error(['--show-labels=yes'])).toBe(
      'invalid argument "yes" for "--show-labels" flag: strconv.ParseBool: parsing "yes": invalid syntax',
    );
  });

  it('names a flag that has a shorthand as "-s, --name" however it was written', () => {
    const expected = 'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax';
    expect(error(['--all-namespaces=maybe'])).toBe(expected);
    expect(error(['-A=maybe'])).toBe(expected);
  });

  it('reports bad ints and durations', () => {
    expect(error(['--grace-period', 'soon'], DELETE)).toBe(
      'invalid argument "soon" for "--grace-period" flag: strconv.ParseInt: parsing "soon": invalid syntax',
    );
    expect(error(['-v', 'x'])).toBe('invalid argument "x" for "-v, --v" flag: strconv.ParseInt: parsing "x": invalid syntax');
    expect(error(['--timeout=10 minutes'], DELETE)).toBe(
      'invalid argument "10 minutes" for "--timeout" flag: time: invalid duration "10 minutes"',
    );
  });
});
