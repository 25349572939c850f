/**
 * One run of kubectl: the shell context, parsed flags, the kubeconfig and the connection to the
 * API server (made lazily, so `kubectl version --client` needs no server).
 */
import type { ApiClient } from '../cluster/client/api-client.js';
import type { CommandContext } from '../shell/types.js';
import type { KubectlEnvironment } from './environment.js';
import { KubectlError } from './errors.js';
import type { FlagReader } from './flags.js';
import { type ResolvedConfig, loadKubeconfig } from './kubeconfig.js';

export class Invocation {
  private resolved: ResolvedConfig | undefined;
  private connected: ApiClient | undefined;

  constructor(
    readonly ctx: CommandContext,
    readonly env: KubectlEnvironment,
    readonly flags: FlagReader,
    /** `kubectl get` etc., for help hints. */
    readonly commandPath: string,
  ) {}

  out(text: string): void {
    this.ctx.stdout.write(text);
  }

  err(text: string): void {
    this.ctx.stderr.write(text);
  }

  config(): ResolvedConfig {
    if (this.resolved) return this.resolved;
    const fs = this.ctx.shell.host.fs;
    const result = loadKubeconfig(
      {
        read: (path) => {
          const absolute = this.ctx.shell.resolvePath(path);
          return fs.exists(absolute) && !fs.stat(absolute).isDirectory ? fs.readFile(absolute) : undefined;
        },
        home: this.ctx.shell.env.get('HOME') ?? this.ctx.shell.host.home,
        env: (name) => this.ctx.shell.env.get(name),
      },
      {
        kubeconfig: this.flags.string('kubeconfig') || undefined,
        context: this.flags.string('context') || undefined,
        cluster: this.flags.string('cluster') || undefined,
        server: this.flags.string('server') || undefined,
        namespace: this.flags.string('namespace') || undefined,
        user: this.flags.string('user') || undefined,
        token: this.flags.string('token') || undefined,
        clientCertificate: this.flags.string('client-certificate') || undefined,
      },
    );
    if (!result.ok) throw new KubectlError(result.invalidConfiguration ? `Error in configuration: ${result.error}\n` : `error: ${result.error}\n`);
    this.resolved = result.config;
    return result.config;
  }

  get namespace(): string {
    return this.config().namespace;
  }

  /** The API client, or a KubectlError with kubectl's connection failure message. */
  client(): ApiClient {
    if (this.connected) return this.connected;
    const config = this.config();
    const as = this.flags.string('as');
    const asGroups = this.flags.strings('as-group');
    const asUid = this.flags.string('as-uid');
    if (!as && (asGroups.length > 0 || asUid)) {
      throw new KubectlError(`Error in configuration: requesting uid, groups or user-extra for ${config.userName} without impersonating a user\n`);
    }
    const connection = this.env.connect(config.server, 'kubectl', {
      credentials: config.credentials,
      impersonate: as ? { user: as, ...(asGroups.length > 0 ? { groups: asGroups } : {}), ...(asUid ? { uid: asUid } : {}) } : undefined,
    });
    if (!connection.ok) throw new KubectlError(`${connection.message}\n`);
    // kubectl's warning writer: `Warning: <text>` on stderr, each distinct warning once per run.
    const warned = new Set<string>();
    this.connected = connection.client.withWarningHandler((warning) => {
      if (warned.has(warning)) return;
      warned.add(warning);
      this.err(`Warning: ${warning}\n`);
    });
    return this.connected;
  }

  usageError(message: string): KubectlError {
    return new KubectlError(`error: ${message}\nSee '${this.commandPath} -h' for help and examples\n`);
  }
}
