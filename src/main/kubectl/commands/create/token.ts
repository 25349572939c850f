/**
 * `kubectl create token SA`: a TokenRequest POSTed to the ServiceAccount's `token` subresource
 * (`--duration`, `--audience`, `--bound-object-*`); prints the token (with a newline only on a
 * terminal), or the whole TokenRequest with `-o`.
 */
import { SERVICE_ACCOUNTS } from '../../../cluster/client/resources.js';
import { KubectlError } from '../../errors.js';
import { PRINT_FLAGS, printObjects, validateOutputFormat } from '../../print-flags.js';
import type { CreateContext, CustomSubcommand } from './subcommand.js';

/** The kinds a token can be bound to, with their API versions. */
const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

function validate({ inv }: CreateContext): void {
  const duration = inv.flags.number('duration', 0);
  if (duration < 0) throw new KubectlError('error: --duration must be greater than or equal to 0\n');
  if (duration % 1000 !== 0) throw new KubectlError('error: --duration cannot be expressed in units less than seconds\n');
  if (inv.flags.strings('audience').some((a) => a === '')) throw new KubectlError('error: --audience must not be an empty string\n');
  const kind = inv.flags.string('bound-object-kind');
  if (!kind) {
    if (inv.flags.string('bound-object-name')) throw new KubectlError('error: --bound-object-name can only be set if --bound-object-kind is provided\n');
    if (inv.flags.string('bound-object-uid')) throw new KubectlError('error: --bound-object-uid can only be set if --bound-object-kind is provided\n');
    return;
  }
  if (!BOUND_KINDS[kind]) throw new KubectlError(`error: supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).sort().join(', ')}\n`);
  if (!inv.flags.string('bound-object-name')) throw new KubectlError('error: --bound-object-name is required if --bound-object-kind is provided\n');
}

function runToken(c: CreateContext): number {
  const { inv, name } = c;
  validateOutputFormat(inv);
  validate(c);
  const namespace = inv.namespace;
  const audiences = inv.flags.strings('audience');
  const duration = inv.flags.number('duration', 0);
  const kind = inv.flags.string('bound-object-kind');
  const uid = inv.flags.string('bound-object-uid');
  const body = {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace },
    spec: {
      ...(audiences.length > 0 ? { audiences } : {}),
      ...(duration > 0 ? { expirationSeconds: duration / 1000 } : {}),
      ...(kind ? { boundObjectRef: { kind, apiVersion: BOUND_KINDS[kind], name: inv.flags.string('bound-object-name'), ...(uid ? { uid } : {}) } } : {}),
    },
  };
  const result = inv.client().request<{ kind?: string; metadata?: object; status?: { token?: string } }>({
    verb: 'create',
    ...SERVICE_ACCOUNTS,
    subresource: 'token',
    namespace,
    name,
    body,
  });
  if (!result.ok) throw new KubectlError(`error: failed to create token: ${result.status.message ?? ''}\n`);
  const token = result.value.status?.token ?? '';
  if (!token) throw new KubectlError('error: failed to create token: no token in server response\n');
  if (inv.flags.has('output')) {
    printObjects(inv, [{ metadata: {}, ...result.value }], 'created');
    return 0;
  }
  inv.out(inv.ctx.stdoutIsTerminal ? `${token}\n` : token);
  return 0;
}

export const TOKEN: CustomSubcommand = {
  namespaced: true,
  flags: [
    ...PRINT_FLAGS,
    { name: 'audience', type: 'stringArray' },
    { name: 'duration', type: 'duration' },
    { name: 'bound-object-kind', type: 'string' },
    { name: 'bound-object-name', type: 'string' },
    { name: 'bound-object-uid', type: 'string' },
  ],
  run: runToken,
};
