/**
 * The lab's kubectl: a client of the API server like the real one. It parses with pflag rules,
 * dispatches to a command, and prints kubectl 1.32's output and messages with its exit codes.
 */
import type { CommandContext } from '../shell/types.js';
import { runApply, APPLY_FLAGS } from './commands/apply.js';
import { runDelete, DELETE_FLAGS } from './commands/delete.js';
import { runDescribe, DESCRIBE_FLAGS } from './commands/describe.js';
import { runGet, GET_FLAGS } from './commands/get.js';
import { runVersion, VERSION_FLAGS } from './commands/version.js';
import type { KubectlEnvironment } from './environment.js';
import { KubectlError } from './errors.js';
import { type FlagSpec, FlagReader, GLOBAL_FLAGS, parseFlags } from './flags.js';
import { Invocation } from './invocation.js';
import type { CommandTable } from './command.js';
import { CLUSTER_COMMANDS } from './commands/cluster/index.js';
import { CREATE_COMMANDS } from './commands/create/index.js';
import { DEPLOY_COMMANDS } from './commands/deploy/index.js';
import { EDITING_COMMANDS } from './commands/editing/index.js';
import { TROUBLESHOOTING_COMMANDS } from './commands/troubleshooting/index.js';
import { UPDATE_COMMANDS } from './commands/update/index.js';
import { VIEWING_COMMANDS } from './commands/viewing/index.js';

const COMMANDS: CommandTable = {
  get: { flags: GET_FLAGS, run: runGet },
  apply: { flags: APPLY_FLAGS, run: runApply },
  delete: { flags: DELETE_FLAGS, run: runDelete },
  describe: { flags: DESCRIBE_FLAGS, run: runDescribe },
  version: { flags: VERSION_FLAGS, run: runVersion },
  ...CREATE_COMMANDS,
  ...TROUBLESHOOTING_COMMANDS,
  ...DEPLOY_COMMANDS,
  ...UPDATE_COMMANDS,
  ...CLUSTER_COMMANDS,
  ...VIEWING_COMMANDS,
  ...EDITING_COMMANDS,
};

const HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** Every kubectl 1.32 command name: known but not yet built ones say so instead of "unknown command". */
const KNOWN_COMMANDS = new Set([
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info',
  'completion', 'config', 'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events',
  'exec', 'explain', 'expose', 'get', 'kustomize', 'label', 'logs', 'options', 'patch', 'plugin', 'port-forward',
  'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait',
]);

/** Find the subcommand the way cobra does: the first argument that is not a flag or a flag's value. */
function findCommand(args: readonly string[]): { name: string | undefined; rest: string[] } {
  const rest = [...args];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      const takesValue = (spec: FlagSpec | undefined): boolean => spec !== undefined && spec.type !== 'bool';
      if (arg.startsWith('--') && !arg.includes('=') && takesValue(GLOBAL_FLAGS.find((f) => f.name === arg.slice(2)))) i++;
      else if (!arg.startsWith('--') && arg.length === 2 && takesValue(GLOBAL_FLAGS.find((f) => f.short === arg[1]))) i++;
      continue;
    }
    rest.splice(i, 1);
    return { name: arg, rest };
  }
  return { name: undefined, rest };
}

export async function runKubectl(ctx: CommandContext, env: KubectlEnvironment): Promise<number> {
  const { name, rest } = findCommand(ctx.argv.slice(1));
  if (!name) {
    if (rest.includes('--version')) {
      ctx.stderr.write('error: unknown flag: --version\nSee \'kubectl --help\' for usage.\n');
      return 1;
    }
    ctx.stdout.write(HELP);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    if (KNOWN_COMMANDS.has(name)) {
      ctx.stderr.write(`error: "kubectl ${name}" is not available in this lab yet\n`);
      return 1;
    }
    ctx.stderr.write(`error: unknown command "${name}" for "kubectl"\n`);
    return 1;
  }
  const own = typeof command.flags === 'function' ? command.flags(rest) : command.flags;
  // A command's own flag shadows a global one of the same name (`create rolebinding --user`).
  const parsed = parseFlags(rest, [...own, ...GLOBAL_FLAGS, { name: 'help', short: 'h', type: 'bool' }]);
  if (!parsed.ok) {
    ctx.stderr.write(`error: ${parsed.error}\nSee 'kubectl ${name} --help' for usage.\n`);
    return 1;
  }
  const flags = new FlagReader(parsed.flags);
  if (flags.bool('help')) {
    ctx.stdout.write(`Run 'kubectl ${name}' as in kubectl 1.32; see https://kubernetes.io/docs/reference/kubectl/generated/kubectl_${name}/ for every option.\n`);
    return 0;
  }
  const inv = new Invocation(ctx, env, flags, `kubectl ${name}`);
  try {
    return await command.run(inv);
  } catch (error) {
    if (error instanceof KubectlError) {
      ctx.stderr.write(error.text);
      return 1;
    }
    throw error;
  }
}
