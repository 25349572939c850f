/** cut, tr and awk as learners pipe kubectl output through them; wording checked against GNU coreutils and mawk. */
import { describe, expect, it } from 'vitest';
import { makeFixture } from './helpers.js';

const PODS = 'NAME READY STATUS RESTARTS\nweb-1 1/1 Running 0\ndb-2 0/1 Pending 7\n';

describe('cut', () => {
  it('selects fields, ranges and characters', async () => {
    const f = makeFixture();
    expect((await f.run("echo 'a:b:c:d' | cut -d: -f2; echo 'a:b:c:d' | cut -d: -f1,3-; echo abcdef | cut -c2-4; echo abcdef | cut -c -2")).stdout).toBe('b\na:c:d\nbcd\nab\n');
    expect((await f.run("printf 'x\\ty\\nnodelim\\n' | cut -f2")).stdout).toBe('y\nnodelim\n');
    expect((await f.run("printf 'a:b\\nnodelim\\n' | cut -s -d: -f2")).stdout).toBe('b\n');
  });

  it("prints GNU's usage errors", async () => {
    const f = makeFixture();
    const tryHelp = "Try 'cut --help' for more information.\n";
    expect(await f.run('echo a | cut')).toEqual({ status: 1, stdout: '', stderr: `cut: you must specify a list of bytes, characters, or fields\n${tryHelp}` });
    expect((await f.run('echo a | cut -f0')).stderr).toBe(`cut: fields are numbered from 1\n${tryHelp}`);
    expect((await f.run('echo a | cut -f3-1')).stderr).toBe(`cut: invalid decreasing range\n${tryHelp}`);
    expect((await f.run('echo a | cut -d ab -f1')).stderr).toBe(`cut: the delimiter must be a single character\n${tryHelp}`);
    expect((await f.run('echo a | cut -c1 -f1')).stderr).toBe(`cut: only one list may be specified\n${tryHelp}`);
    expect((await f.run('echo a | cut -d: -c1')).stderr).toBe(`cut: an input delimiter may be specified only when operating on fields\n${tryHelp}`);
    expect((await f.run('echo a | cut -f a')).stderr).toBe(`cut: invalid field value ‘a’\n${tryHelp}`);
  });
});

describe('tr', () => {
  it('translates ranges and classes, deletes and squeezes', async () => {
    const f = makeFixture();
    const r = await f.run("echo Hello World | tr a-z A-Z; echo hello | tr '[:lower:]' '[:upper:]'; echo 'a   b' | tr -s ' '; echo hello | tr -d l; echo hello | tr -dc 'a-h\\n'; echo abc | tr abc x");
    expect(r.stdout).toBe('HELLO WORLD\nHELLO\na b\nheo\nhe\nxxx\n');
  });

  it("prints coreutils' errors", async () => {
    const f = makeFixture();
    expect(await f.run('echo hi | tr a')).toEqual({
      status: 1,
      stdout: '',
      stderr: "tr: missing operand after ‘a’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n",
    });
    expect((await f.run('echo hi | tr -d a b')).stderr).toBe("tr: extra operand ‘b’\nOnly one string may be given when deleting without squeezing repeats.\nTry 'tr --help' for more information.\n");
    expect((await f.run('echo hi | tr z-a x')).stderr).toBe("tr: range-endpoints of 'z-a' are in reverse collating sequence order\n");
    expect((await f.run("echo hi | tr a-z '[:upper:]'")).stderr).toBe('tr: misaligned [:upper:] and/or [:lower:] construct\n');
  });
});

describe('sort keys', () => {
  it('sorts on a field range with its own options, as GNU sort does', async () => {
    const f = makeFixture();
    const rows = "printf 'a b 3\\nc d 10\\ne f 2\\n'";
    expect((await f.run(`${rows} | sort -k3 -n; ${rows} | sort -k3,3nr`)).stdout).toBe('e f 2\na b 3\nc d 10\nc d 10\na b 3\ne f 2\n');
    expect(await f.run('echo a | sort -k0')).toEqual({ status: 2, stdout: '', stderr: 'sort: field number is zero: invalid field specification ‘0’\n' });
    expect((await f.run('echo a | sort -kx')).stderr).toBe('sort: invalid number at field start: invalid count at start of ‘x’\n');
  });
});

describe('awk', () => {
  it('prints fields, skips the header with NR>1 and filters with conditions and regexes', async () => {
    const f = makeFixture();
    f.bastion.fs.writeFile('/home/student/pods.txt', PODS);
    expect((await f.run("awk 'NR>1 {print $1, $3}' pods.txt")).stdout).toBe('web-1 Running\ndb-2 Pending\n');
    expect((await f.run("awk '{print $NF, NF, $(NF-1)}' pods.txt")).stdout).toBe('RESTARTS 4 STATUS\n0 4 Running\n7 4 Pending\n');
    expect((await f.run("awk '$4 > 5 {print $1}' pods.txt; awk '/Pend/ {print $1}' pods.txt")).stdout).toBe('NAME\ndb-2\ndb-2\n');
    expect((await f.run("awk -F/ 'NR>1 {print $2}' pods.txt")).stdout).toBe('1 Running 0\n1 Pending 7\n');
  });

  it('runs BEGIN/END, printf, arrays, length and string functions as mawk does', async () => {
    const f = makeFixture();
    f.bastion.fs.writeFile('/home/student/pods.txt', PODS);
    expect((await f.run(`awk 'NR>1 {s += $4; n[$3]++} END {printf "%d restarts, %5.2f avg\\n", s, s/(NR-1); for (k in n) print k, n[k]}' pods.txt`)).stdout).toBe(
      '7 restarts,  3.50 avg\nRunning 1\nPending 1\n',
    );
    expect((await f.run("echo hello | awk '{print length, length($1), toupper($0), substr($0, 2, 3), index($0, \"l\")}'")).stdout).toBe('5 5 HELLO ell 3\n');
    expect((await f.run("awk 'BEGIN {print 0.1+0.2, 1e6, 123456789012, 3/2, 1/0}'")).stdout).toBe('0.3 1000000 1.23457e+11 1.5 inf\n');
    expect((await f.run(`echo "a b" | awk '{$2 = "Z"; print; print NF}'; echo a,b | awk -v x=5 'BEGIN {FS = ","} {gsub(/a/, "[&]"); print $1, x + 1}'`)).stdout).toBe('a Z\n2\n[a] 6\n');
  });

  it("reports mawk's syntax and run-time errors with status 2", async () => {
    const f = makeFixture();
    expect(await f.run("echo a | awk '{print $1'")).toEqual({ status: 2, stdout: '', stderr: 'awk: line 2: missing } near end of file\n' });
    expect(await f.run("echo a | awk '{x = }'")).toEqual({ status: 2, stdout: '', stderr: 'awk: line 1: syntax error at or near }\n' });
    expect(await f.run("echo a | awk '{print $(-1)}'")).toEqual({ status: 2, stdout: '', stderr: 'awk: run time error: negative field index $-1\n\tFILENAME="-" FNR=1 NR=1\n' });
    expect(await f.run("awk '{print}' nofile")).toEqual({ status: 2, stdout: '', stderr: 'awk: cannot open nofile (No such file or directory)\n' });
  });
});
