/**
 * The cluster and user subcommands of `kubectl config`: get-clusters, get-users, set-cluster,
 * set-credentials, delete-cluster and delete-user, with the rules kubectl applies when a flag
 * replaces a related field (a CA file clears inline CA data and insecure mode, and so on).
 */
import { KubectlError } from '../../../errors.js';
import type { Invocation } from '../../../invocation.js';
import { type Entry, KubeconfigFile } from '../kubeconfig-file.js';
import type { Subcommand } from '../../../command-group.js';
import { printHelp, unexpectedArgs } from './help-error.js';

function listNames(inv: Invocation, entries: Map<string, Entry>): number {
  inv.out(['NAME', ...[...entries.keys()].sort()].map((n) => `${n}\n`).join(''));
  return 0;
}

/** A certificate or key flag: embedded as base64 data, or stored as an absolute path. */
function setFileField(inv: Invocation, file: KubeconfigFile, entry: Entry, flag: string, embed: boolean): void {
  const path = inv.flags.string(flag);
  if (embed) {
    const absolute = file.absolutePath(path);
    if (!inv.ctx.shell.host.fs.exists(absolute)) throw new KubectlError(`error: could not stat ${flag} file ${path}: stat ${path}: no such file or directory\n`);
    entry[`${flag}-data`] = Buffer.from(file.readFile(path)).toString('base64');
    delete entry[flag];
  } else if (path) {
    entry[flag] = file.absolutePath(path);
    delete entry[`${flag}-data`];
  } else {
    delete entry[flag];
  }
}

const setCluster: Subcommand = {
  flags: [
    { name: 'server', type: 'string' },
    { name: 'certificate-authority', type: 'string' },
    { name: 'embed-certs', type: 'bool' },
    { name: 'insecure-skip-tls-verify', type: 'bool' },
    { name: 'tls-server-name', type: 'string' },
    { name: 'proxy-url', type: 'string' },
  ],
  run(inv, args) {
    if (args.length !== 1) throw unexpectedArgs(inv, 'set-cluster', args);
    const embed = inv.flags.bool('embed-certs');
    if (embed && !inv.flags.string('certificate-authority')) throw new KubectlError('error: you must specify a --certificate-authority to embed\n');
    const file = KubeconfigFile.load(inv);
    const name = args[0]!;
    const cluster: Entry = { ...(file.doc.clusters.get(name) ?? {}) };
    if (inv.flags.has('server')) {
      cluster.server = inv.flags.string('server');
      // A new server invalidates the TLS server name the file had for the old one.
      delete cluster['tls-server-name'];
    }
    if (inv.flags.has('tls-server-name')) cluster['tls-server-name'] = inv.flags.string('tls-server-name');
    if (inv.flags.has('proxy-url')) cluster['proxy-url'] = inv.flags.string('proxy-url');
    if (inv.flags.has('insecure-skip-tls-verify')) {
      cluster['insecure-skip-tls-verify'] = inv.flags.bool('insecure-skip-tls-verify');
      if (cluster['insecure-skip-tls-verify']) {
        delete cluster['certificate-authority'];
        delete cluster['certificate-authority-data'];
      }
    }
    if (inv.flags.has('certificate-authority')) {
      setFileField(inv, file, cluster, 'certificate-authority', embed);
      if (embed || inv.flags.string('certificate-authority')) cluster['insecure-skip-tls-verify'] = false;
    }
    file.doc.clusters.set(name, cluster);
    file.save();
    inv.out(`Cluster "${name}" set.\n`);
    return 0;
  },
};

const setCredentials: Subcommand = {
  flags: [
    { name: 'client-certificate', type: 'string' },
    { name: 'client-key', type: 'string' },
    { name: 'embed-certs', type: 'bool' },
    { name: 'token', type: 'string' },
    { name: 'username', type: 'string' },
    { name: 'password', type: 'string' },
    { name: 'auth-provider', type: 'string' },
    { name: 'auth-provider-arg', type: 'stringArray' },
    { name: 'exec-api-version', type: 'string' },
    { name: 'exec-arg', type: 'stringArray' },
    { name: 'exec-command', type: 'string' },
    { name: 'exec-env', type: 'stringArray' },
    { name: 'exec-interactive-mode', type: 'string' },
    { name: 'exec-provide-cluster-info', type: 'bool' },
  ],
  run(inv, args) {
    if (args.length !== 1) throw unexpectedArgs(inv, 'set-credentials', args, 'unexpected');
    const basic = inv.flags.string('username') || inv.flags.string('password');
    if (inv.flags.string('token') && basic) {
      throw new KubectlError('error: you cannot specify more than one authentication method at the same time: --token, --username/--password\n');
    }
    const file = KubeconfigFile.load(inv);
    const name = args[0]!;
    const user: Entry = { ...(file.doc.users.get(name) ?? {}) };
    const embed = inv.flags.bool('embed-certs');
    if (inv.flags.has('client-certificate')) setFileField(inv, file, user, 'client-certificate', embed);
    if (inv.flags.has('client-key')) setFileField(inv, file, user, 'client-key', embed);
    for (const field of ['token', 'username', 'password']) {
      if (inv.flags.has(field)) user[field] = inv.flags.string(field);
    }
    const setToken = Boolean(inv.flags.string('token'));
    const setBasic = Boolean(basic);
    // Token and basic auth exclude each other: setting one clears the other.
    if (setToken && !setBasic) {
      delete user.username;
      delete user.password;
    } else if (setBasic && !setToken) {
      delete user.token;
    }
    file.doc.users.set(name, user);
    file.save();
    inv.out(`User "${name}" set.\n`);
    return 0;
  },
};

function deleteEntry(section: 'clusters' | 'users', what: string): Subcommand {
  return {
    flags: [],
    run(inv, args) {
      if (args.length !== 1) {
        // delete-cluster prints its help and succeeds; delete-user has a usage error of its own.
        if (section === 'users') throw inv.usageError('user to delete is required');
        printHelp(inv, 'delete-cluster');
        return 0;
      }
      const file = KubeconfigFile.load(inv);
      const name = args[0]!;
      if (!file.doc[section].delete(name)) throw new KubectlError(`error: cannot delete ${what} ${name}, not in ${file.path}\n`);
      file.save();
      inv.out(`deleted ${what} ${name} from ${file.path}\n`);
      return 0;
    },
  };
}

export const ENTRY_SUBCOMMANDS: Record<string, Subcommand> = {
  'get-clusters': { flags: [], run: (inv) => listNames(inv, KubeconfigFile.load(inv).doc.clusters) },
  'get-users': { flags: [], run: (inv) => listNames(inv, KubeconfigFile.load(inv).doc.users) },
  'set-cluster': setCluster,
  'set-credentials': setCredentials,
  'delete-cluster': deleteEntry('clusters', 'cluster'),
  'delete-user': deleteEntry('users', 'user'),
};
