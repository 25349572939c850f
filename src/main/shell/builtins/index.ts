/** The table of built-in commands, looked up before the engine's registered commands. */
import { awkBuiltin } from './awk.js';
import type { Builtin } from './builtin.js';
import { cutBuiltin } from './cut.js';
import { diffBuiltin } from './diff.js';
import { echoBuiltins } from './echo.js';
import { editorBuiltins } from './editors.js';
import { fileOpBuiltins } from './file-ops.js';
import { filterBuiltins } from './filters.js';
import { grepBuiltin } from './grep.js';
import { jobControlBuiltins } from './job-control.js';
import { jqBuiltin } from './jq.js';
import { lookupBuiltins } from './lookup.js';
import { lsBuiltin } from './ls.js';
import { navigationBuiltins } from './navigation.js';
import { scriptBuiltins } from './scripts.js';
import { sedBuiltin } from './sed.js';
import { sessionBuiltins } from './session.js';
import { sshBuiltin } from './ssh.js';
import { testBuiltins } from './test.js';
import { textToolBuiltins } from './text-tools.js';
import { timeoutBuiltin } from './timeout.js';
import { trBuiltin } from './tr.js';
import { variableBuiltins } from './variables.js';
import { watchBuiltin } from './watch.js';

export function createBuiltins(): ReadonlyMap<string, Builtin> {
  const all: Builtin[] = [
    ...navigationBuiltins,
    ...echoBuiltins,
    ...textToolBuiltins,
    lsBuiltin,
    ...fileOpBuiltins,
    grepBuiltin,
    cutBuiltin,
    trBuiltin,
    awkBuiltin,
    jqBuiltin,
    sedBuiltin,
    ...variableBuiltins,
    ...sessionBuiltins,
    ...lookupBuiltins,
    sshBuiltin,
    ...testBuiltins,
    ...filterBuiltins,
    ...scriptBuiltins,
    ...jobControlBuiltins,
    watchBuiltin,
    timeoutBuiltin,
    diffBuiltin,
    ...editorBuiltins,
  ];
  return new Map(all.map((b) => [b.name, b]));
}
