/**
 * `ssh host` moves the session onto another host (a new level: prompt, cwd and filesystem
 * change; `exit` comes back); `ssh host command` runs one command there.
 */
import type { Builtin, BuiltinContext } from './builtin.js';
import { parseOptions } from './options.js';

const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]
           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
`;

async function ssh(ctx: BuiltinContext): Promise<number> {
  const spec = { flags: '46AaCfGgKkMNnqsTtVvXxYy', values: 'BbcDEeFIiJLlmOoPpRSWw', stopAtOperand: true };
  const parsed = parseOptions('ssh', ctx.argv.slice(1), spec);
  // OpenSSH reads options again after the destination (`ssh node01 -t top`, `ssh node01 -- cmd`).
  const rest = parsed.ok && parsed.options.operands.length > 0 ? parseOptions('ssh', parsed.options.operands.slice(1), spec) : undefined;
  if (!parsed.ok || parsed.options.operands.length === 0 || (rest && !rest.ok)) {
    const failed = !parsed.ok ? parsed : rest && !rest.ok ? rest : undefined;
    if (failed && !failed.ok) ctx.stderr.write(failed.message.replace(/^ssh: /, '') + '\n');
    ctx.stderr.write(USAGE);
    return 255;
  }
  const destination = parsed.options.operands[0];
  const command = rest?.ok ? rest.options.operands : [];
  const hostname = destination!.slice(destination!.lastIndexOf('@') + 1);
  const host = ctx.control.services.findHost(hostname);
  if (!host) {
    ctx.stderr.write(`ssh: Could not resolve hostname ${hostname}: Name or service not known\n`);
    return 255;
  }
  if (command.length > 0) return ctx.control.runRemote(host, command.join(' '), ctx.io, ctx.signal);
  await ctx.control.login(host, ctx.io, ctx.signal);
  return 0;
}

export const sshBuiltin: Builtin = { name: 'ssh', kind: 'utility', run: ssh };
