/**
 * `kubectl explain TYPE[.FIELD…]`: the documentation of a served resource or one of its fields,
 * from the server's schema for that group/version (`--api-version` picks another version),
 * rendered with kubectl's plaintext template.
 */
import type { CustomResourceDefinition } from '../../../../../shared/api/apiextensions.js';
import type { DiscoveredResource } from '../../../../cluster/apiserver/api-server.js';
import type { KubectlCommand } from '../../../command.js';
import { KubectlError } from '../../../errors.js';
import type { Invocation } from '../../../invocation.js';
import { resolveResource } from '../../../resource-resolver.js';
import { CUSTOM_RESOURCE_DEFINITIONS } from '../refs.js';
import { renderExplain } from './render.js';
import { BUILTIN_SCHEMAS, type SchemaNode, builtinKindSchema, customResourceSchema } from './schema.js';

function apiVersionOf(r: DiscoveredResource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** The resource's schema: built in, or its CRD's for that version. */
function schemaFor(inv: Invocation, resource: DiscoveredResource): SchemaNode {
  const builtin = builtinKindSchema(apiVersionOf(resource), resource.kind);
  if (builtin) return builtin;
  const crd = inv.client().get<CustomResourceDefinition>(CUSTOM_RESOURCE_DEFINITIONS, undefined, `${resource.name}.${resource.group}`);
  const version = crd.ok ? crd.value.spec?.versions?.find((v) => v.name === resource.version) : undefined;
  const openAPIV3Schema = version?.schema?.openAPIV3Schema as SchemaNode | undefined;
  if (!openAPIV3Schema) throw new KubectlError(`error: GVR (${resource.group}/${resource.version}, Resource=${resource.name}) not found in OpenAPI schema\n`);
  return customResourceSchema(openAPIV3Schema);
}

async function runExplain(inv: Invocation): Promise<number> {
  const args = inv.flags.positional;
  if (args.length === 0) {
    throw new KubectlError('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
  }
  if (args.length > 1) throw new KubectlError('error: We accept only this format: explain RESOURCE\n');
  const format = inv.flags.string('output') || 'plaintext';
  if (format === 'plaintext-openapiv2') throw new KubectlError('error: --output=plaintext-openapiv2 is not available in this lab yet\n');
  if (format !== 'plaintext') throw new KubectlError(`error: unsupported output format: ${format}. Supported formats are: plaintext, plaintext-openapiv2\n`);
  const [typed, ...fieldPath] = args[0]!.split('.') as [string, ...string[]];
  const apiVersion = inv.flags.string('api-version');
  const discovery = inv.client().discovery();
  const resource = resolveResource(typed, apiVersion ? discovery.filter((r) => apiVersionOf(r) === apiVersion) : discovery);
  if (!resource) throw new KubectlError(`error: the server doesn't have a resource type "${typed}"\n`);
  inv.out(
    renderExplain({
      group: resource.group,
      version: resource.version,
      kind: resource.kind,
      schema: schemaFor(inv, resource),
      source: BUILTIN_SCHEMAS,
      fieldPath,
      recursive: inv.flags.bool('recursive'),
    }),
  );
  return 0;
}

export const EXPLAIN_COMMAND: KubectlCommand = {
  flags: [
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'recursive', type: 'bool' },
  ],
  run: runExplain,
};
