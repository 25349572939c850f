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
  const parsed = parseOptions('ssh', ctx.argv.slice(1), {
    flags: '46AaCfGgKkMNnqsTtVvXxYy',
    values: 'BbcDEeFIiJLlmOoPpRSWw',
    stopAtOperand: true,
  });
  if (!parsed.ok || parsed.options.operands.length === 0) {
    if (!parsed.ok) ctx.stderr.write(parsed.message.replace(/^ssh: /, '') + '\n');
    ctx.stderr.write(USAGE);
    return 255;
  }
  const [destination, ...command] = parsed.options.operands;
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
