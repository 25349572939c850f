/**
 * `kubectl api-resources`: the server's preferred-version resources (no subresources), filtered by
 * `--namespaced`, `--api-group`, `--verbs` and `--categories`, stably sorted by group (or
 * `--sort-by=name|kind`), as a table, `-o wide` with VERBS and CATEGORIES, or `-o name`.
 */
import type { DiscoveredResource } from '../../../cluster/apiserver/api-server.js';
import type { KubectlCommand } from '../../command.js';
import { KubectlError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { TABLE_OPTIONS, tabwrite } from '../../printers/tabwriter.js';

/** pflag's stringSlice: every use, each split at commas. */
function stringSlice(inv: Invocation, name: string): string[] {
  return inv.flags.strings(name).flatMap((v) => v.split(',')).filter(Boolean);
}

/** ServerPreferredResources: each group's resources from its preferred version, then those only older versions serve. */
function preferredResources(resources: readonly DiscoveredResource[]): DiscoveredResource[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    const key = `${r.group}/${r.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function apiVersion(r: DiscoveredResource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

async function runApiResources(inv: Invocation): Promise<number> {
  const output = inv.flags.string('output');
  if (!['', 'wide', 'name'].includes(output)) throw new KubectlError(`error: --output ${output} is not available\n`);
  const sortBy = inv.flags.string('sort-by');
  if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError('error: --sort-by accepts only name or kind\n');
  if (inv.flags.positional.length > 0) throw new KubectlError(`error: unexpected arguments: [${inv.flags.positional.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples\n`);
  const verbs = stringSlice(inv, 'verbs');
  const categories = stringSlice(inv, 'categories');
  const resources = preferredResources(inv.client().discovery()).filter(
    (r) =>
      r.verbs.length > 0 &&
      (!inv.flags.has('api-group') || r.group === inv.flags.string('api-group')) &&
      (!inv.flags.has('namespaced') || r.namespaced === inv.flags.bool('namespaced')) &&
      verbs.every((v) => r.verbs.includes(v)) &&
      categories.every((c) => r.categories.includes(c)),
  );
  const sortKey = (r: DiscoveredResource): string => (sortBy === 'name' ? r.name : sortBy === 'kind' ? r.kind : r.group);
  resources.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  if (output === 'name') {
    inv.out(resources.map((r) => `${r.name}${r.group ? `.${r.group}` : ''}\n`).join(''));
    return 0;
  }
  const rows: string[] = [];
  if (!inv.flags.bool('no-headers')) rows.push(`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${output === 'wide' ? '\tVERBS\tCATEGORIES' : ''}`);
  for (const r of resources) {
    const cells = [r.name, r.shortNames.join(','), apiVersion(r), String(r.namespaced), r.kind];
    if (output === 'wide') cells.push(`[${r.verbs.join(' ')}]`, r.categories.join(','));
    rows.push(cells.join('\t'));
  }
  inv.out(tabwrite(rows.map((r) => `${r}\n`).join(''), TABLE_OPTIONS));
  return 0;
}

export const API_RESOURCES_COMMAND: KubectlCommand = {
  flags: [
    { name: 'api-group', type: 'string' },
    { name: 'cached', type: 'bool' },
    { name: 'categories', type: 'stringArray' },
    { name: 'namespaced', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'sort-by', type: 'string' },
    { name: 'verbs', type: 'stringArray' },
  ],
  run: runApiResources,
};

/** `kubectl api-versions`: every served group/version, sorted as strings. */
export const API_VERSIONS_COMMAND: KubectlCommand = {
  flags: [],
  async run(inv) {
    const versions = new Set(inv.client().discovery().map(apiVersion));
    inv.out([...versions].sort().map((v) => `${v}\n`).join(''));
    return 0;
  },
};
