/**
 * `kubectl completion bash|zsh|fish|powershell`: the script's opening and its registration line.
 * The lab's shell completes kubectl by itself, so the script only has to source cleanly there.
 */
import type { KubectlCommand } from '../../command.js';
import { KubectlError } from '../../errors.js';

const LICENSE = `
# Copyright 2016 The Kubernetes Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
`;

const SCRIPTS: Record<string, string> = {
  bash: `${LICENSE}# bash completion V2 for kubectl                              -*- shell-script -*-\n\ncomplete -o default -F __start_kubectl kubectl\n`,
  zsh: `#compdef kubectl\ncompdef _kubectl kubectl\n${LICENSE}# zsh completion for kubectl                               -*- shell-script -*-\n`,
  fish: `${LICENSE}# fish completion for kubectl                              -*- shell-script -*-\n`,
  powershell: `${LICENSE}# powershell completion for kubectl                        -*- shell-script -*-\n`,
};

export const COMPLETION_COMMAND: KubectlCommand = {
  flags: [],
  async run(inv) {
    const [shell, ...rest] = inv.flags.positional;
    if (shell === undefined) throw new KubectlError("error: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n");
    if (rest.length > 0) throw new KubectlError("error: Too many arguments. Expected only the shell type.\nSee 'kubectl completion -h' for help and examples\n");
    const script = SCRIPTS[shell];
    if (!script) throw new KubectlError(`error: Unsupported shell type "${shell}".\nSee 'kubectl completion -h' for help and examples\n`);
    inv.out(script);
    return 0;
  },
};
