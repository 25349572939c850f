/** jq 1.6 over kubectl-shaped JSON: filters, output modes and jq's own error wording and statuses. */
import { describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from './helpers.js';

const LIST = {
  items: [
    { metadata: { name: 'web', labels: { app: 'web' } }, status: { phase: 'Running' } },
    { metadata: { name: 'db' }, status: { phase: 'Pending' } },
  ],
};

function withList(): Fixture {
  const f = makeFixture();
  f.bastion.fs.writeFile('/home/student/pods.json', JSON.stringify(LIST, null, 2) + '\n');
  return f;
}

describe('jq filters', () => {
  it('walks paths, iterates, selects and builds objects', async () => {
    const f = withList();
    expect((await f.run("jq '.items[].metadata.name' pods.json")).stdout).toBe('"web"\n"db"\n');
    expect((await f.run(`jq -r '.items[] | select(.status.phase == "Running") | .metadata.name' pods.json`)).stdout).toBe('web\n');
    expect((await f.run(`jq -c '.items | map({name: .metadata.name, app: (.metadata.labels.app // "none")})' pods.json`)).stdout).toBe(
      '[{"name":"web","app":"web"},{"name":"db","app":"none"}]\n',
    );
    expect((await f.run("jq '.items[0].metadata | keys, length' pods.json")).stdout).toBe('[\n  "labels",\n  "name"\n]\n2\n');
    expect((await f.run("jq -r '.items[] | \"\\(.metadata.name)=\\(.status.phase)\"' pods.json")).stdout).toBe('web=Running\ndb=Pending\n');
  });

  it('has the common built-ins, assignment and del', async () => {
    const f = makeFixture();
    expect((await f.run(`echo '[3,1,2]' | jq -c 'sort, map(. * 2), add, length, first, .[1:]'`)).stdout).toBe('[1,2,3]\n[6,2,4]\n6\n3\n3\n[1,2]\n');
    expect((await f.run(`echo '{"a":1}' | jq --arg v hi -c '.a = $v | .b |= 3 | del(.a)'`)).stdout).toBe('{"b":3}\n');
    expect((await f.run(`echo '{"b":2,"a":1}' | jq -S -c .; echo '[100000000000000000, 0.1, 1e-7, 3.0]' | jq -c .`)).stdout).toBe('{"a":1,"b":2}\n[1e+17,0.1,1e-07,3]\n');
    expect((await f.run(`echo '{"x":1}' | jq '.x?, (.[0]?), if .x == 1 then "one" elif .x == 2 then "two" else "many" end'`)).stdout).toBe('1\n"one"\n');
    expect((await f.run(`echo '[1,"a"]' | jq -r '@csv, @tsv, (.[1] | @base64)'`)).stdout).toBe('1,"a"\n1\ta\nYQ==\n');
  });

  it('prints pretty JSON, coloured as jq 1.6 does on a terminal', async () => {
    const f = makeFixture();
    expect((await f.run(`echo '{"a":{"b":[1,{"c":null}]}}' | jq .`)).stdout).toBe('{\n  "a": {\n    "b": [\n      1,\n      {\n        "c": null\n      }\n    ]\n  }\n}\n');
    const colored = await f.run(`echo '{"a":[1,"x",null,true],"b":{}}' | jq .`, { terminal: true });
    expect(colored.stdout).toBe(
      '\x1b[1;39m{\n  \x1b[0m\x1b[34;1m"a"\x1b[0m\x1b[1;39m: \x1b[0m\x1b[1;39m[\n    \x1b[0;39m1\x1b[0m\x1b[1;39m,\n    \x1b[0;32m"x"\x1b[0m\x1b[1;39m,\n    \x1b[1;30mnull\x1b[0m\x1b[1;39m,\n    \x1b[0;39mtrue\x1b[0m\x1b[1;39m\n  \x1b[1;39m]\x1b[0m\x1b[1;39m,\n  \x1b[0m\x1b[34;1m"b"\x1b[0m\x1b[1;39m: \x1b[0m\x1b[1;39m{}\x1b[0m\x1b[1;39m\n\x1b[1;39m}\x1b[0m\n',
    );
  });
});

describe('jq errors', () => {
  it('reports bad input, compile errors and runtime errors with jq 1.6 wording and statuses', async () => {
    const f = withList();
    expect(await f.run("echo '{\"a\":1' | jq .")).toEqual({ status: 4, stdout: '', stderr: 'parse error: Unfinished JSON term at EOF at line 2, column 0\n' });
    expect(await f.run('echo nope | jq .')).toEqual({ status: 4, stdout: '', stderr: 'parse error: Invalid literal at line 2, column 0\n' });
    expect(await f.run("echo '{\"a\": nope}' | jq .")).toEqual({ status: 4, stdout: '', stderr: 'parse error: Invalid literal at line 1, column 11\n' });
    expect(await f.run("echo '{}' | jq 'foo'")).toEqual({ status: 3, stdout: '', stderr: 'jq: error: foo/0 is not defined at <top-level>, line 1:\nfoo\njq: 1 compile error\n' });
    expect((await f.run("echo '{}' | jq '{a'")).stderr).toBe(
      "jq: error: syntax error, unexpected $end, expecting '}' (Unix shell quoting issues?) at <top-level>, line 1:\n{a\njq: 1 compile error\n",
    );
    expect(await f.run("jq '.items[0].metadata.name.x' pods.json")).toEqual({ status: 5, stdout: '', stderr: 'jq: error (at pods.json:23): Cannot index string with string "x"\n' });
    expect((await f.run(`echo '{"a":"abcdefghijklmnop"}' | jq '.a + 1'`)).stderr).toBe('jq: error (at <stdin>:1): string ("abcdefghij...) and number (1) cannot be added\n');
    expect((await f.run(`echo '{}' | jq '.items[]'`)).stderr).toBe('jq: error (at <stdin>:1): Cannot iterate over null (null)\n');
    expect(await f.run('jq -x .')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'jq: Unknown option -x\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n',
    });
    expect((await f.run("echo null | jq -e .; echo $?")).stdout).toBe('null\n1\n');
  });
});
