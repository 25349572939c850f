/**
 * `kubelab/import-boundaries`: the architecture's layers, enforced by lint (docs: ARCHITECTURE.md,
 * "Boundaries").
 *
 * `no-restricted-imports` matches the import string as written, so it cannot tell that
 * `../client/informer.js` from `cluster/scheduler/` is allowed while `../kubelet/pods.js` is not,
 * and flat-config blocks for the same rule replace each other's options instead of adding up.
 * This rule resolves every relative import to a repository path and checks it against a table of
 * zones; every zone that covers the importing file applies, so zones compose.
 *
 * A zone:
 *   name            short id shown in the message
 *   importers       globs (repository-relative) of the files the zone constrains
 *   exceptImporters globs of files the zone does not constrain
 *   allowLocal      if set, a local import must resolve into one of these globs
 *   denyLocal       a local import must not resolve into any of these globs …
 *   exceptLocal     … unless it resolves into one of these
 *   builtins        false forbids Node built-ins (`node:fs`, `fs`, `path` …); default true
 *   allowPackages   if set, the only npm packages allowed
 *   denyPackages    npm packages not allowed (e.g. `electron`)
 *   message         why, in one line
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * @typedef {object} Zone
 * @property {string} name
 * @property {string[]} importers
 * @property {string[]} [exceptImporters]
 * @property {string[]} [allowLocal]
 * @property {string[]} [denyLocal]
 * @property {string[]} [exceptLocal]
 * @property {boolean} [builtins]
 * @property {string[]} [allowPackages]
 * @property {string[]} [denyPackages]
 * @property {string} message
 */

/**
 * @typedef {object} Options
 * @property {string} root  absolute path of the repository the globs are relative to
 * @property {Zone[]} zones
 */

/**
 * What an import names.
 * @typedef {{ kind: 'local', path: string }
 *   | { kind: 'builtin', name: string }
 *   | { kind: 'package', name: string }} Target
 */

/**
 * The parts of ESTree / typescript-estree nodes this rule reads.
 * @typedef {object} ImportLike
 * @property {string} type
 * @property {{ type: string, value?: unknown, quasis?: Array<{ value: { cooked?: string | null } }>, expressions?: unknown[] } | null} [source]
 */

/**
 * TypeScript-only import forms (typescript-estree nodes that ESTree's types do not describe).
 * @typedef {object} TsImportNode
 * @property {string} type
 * @property {{ type: string, expression?: ImportLike['source'] }} [moduleReference]
 * @property {ImportLike['source']} [source]
 * @property {NonNullable<ImportLike['source']> & { literal?: ImportLike['source'] }} [argument]
 */

/**
 * typescript-estree nodes are ESTree nodes at run time; this only tells the type checker so.
 * @param {ImportLike | TsImportNode} node
 * @returns {import('estree').Node}
 */
function asNode(node) {
  return /** @type {import('estree').Node} */ (/** @type {unknown} */ (node));
}

const builtins = new Set(builtinModules);

/** @type {Map<string, RegExp>} */
const globCache = new Map();

/**
 * A small glob matcher for repository paths: `**`, `*`, `?`, `{a,b}`. A trailing `/**` also
 * matches the folder itself, so `src/shared/**` covers an import of `../shared`.
 * @param {string} glob
 * @returns {RegExp}
 */
export function globToRegExp(glob) {
  const cached = globCache.get(glob);
  if (cached) return cached;
  let re = '';
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*') {
      if (glob.charAt(i + 1) === '*') {
        const atStart = i === 0 || glob.charAt(i - 1) === '/';
        const next = glob.charAt(i + 2);
        if (atStart && next === '/') {
          re += '(?:.*/)?'; // `**/` — zero or more folders
          i += 2;
        } else if (atStart && next === '' && i > 0) {
          re = re.slice(0, -1) + '(?:/.*)?'; // `/**` at the end — the folder and everything in it
          i += 1;
        } else {
          re += '.*';
          i += 1;
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      inBraces = true;
      re += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      re += ')';
    } else if (c === ',' && inBraces) {
      re += '|';
    } else {
      re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  const compiled = new RegExp(`^${re}$`);
  globCache.set(glob, compiled);
  return compiled;
}

/**
 * @param {string} file  repository-relative, `/`-separated
 * @param {string[] | undefined} globs
 */
function matchesAny(file, globs) {
  return globs !== undefined && globs.some((g) => globToRegExp(g).test(file));
}

/** @param {string} specifier */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * @param {string} specifier  as written in the import
 * @param {string} importerDir  absolute folder of the importing file
 * @param {string} root
 * @returns {Target}
 */
export function classify(specifier, importerDir, root) {
  // Vite queries (`./worker.ts?worker`, `./x.svg?url`) name the same file.
  const bare = specifier.replace(/\?.*$/, '');
  if (bare.startsWith('.') || path.isAbsolute(bare)) {
    const absolute = path.resolve(importerDir, bare);
    return { kind: 'local', path: path.relative(root, absolute).split(path.sep).join('/') };
  }
  if (bare.startsWith('node:') || builtins.has(bare) || builtins.has(packageName(bare))) {
    return { kind: 'builtin', name: bare };
  }
  return { kind: 'package', name: packageName(bare) };
}

/**
 * Why `target` is forbidden to a file in `zone`, or undefined if it is allowed.
 * @param {Zone} zone
 * @param {Target} target
 * @returns {string | undefined}
 */
function violation(zone, target) {
  switch (target.kind) {
    case 'local':
      if (matchesAny(target.path, zone.denyLocal) && !matchesAny(target.path, zone.exceptLocal)) return target.path;
      if (zone.allowLocal && !matchesAny(target.path, zone.allowLocal)) return target.path;
      return undefined;
    case 'builtin':
      return zone.builtins === false ? `Node built-in '${target.name}'` : undefined;
    case 'package':
      if (zone.denyPackages?.includes(target.name)) return `'${target.name}'`;
      if (zone.allowPackages && !zone.allowPackages.includes(target.name)) return `'${target.name}'`;
      return undefined;
  }
}

/**
 * The string an import names, if it is a literal.
 * @param {ImportLike['source']} source
 * @returns {string | undefined}
 */
function literalSource(source) {
  if (!source) return undefined;
  if (source.type === 'Literal' && typeof source.value === 'string') return source.value;
  if (source.type === 'TemplateLiteral' && source.expressions?.length === 0) {
    return source.quasis?.[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import boundaries between KubeLab layers and components' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          zones: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                importers: { type: 'array', items: { type: 'string' } },
                exceptImporters: { type: 'array', items: { type: 'string' } },
                allowLocal: { type: 'array', items: { type: 'string' } },
                denyLocal: { type: 'array', items: { type: 'string' } },
                exceptLocal: { type: 'array', items: { type: 'string' } },
                builtins: { type: 'boolean' },
                allowPackages: { type: 'array', items: { type: 'string' } },
                denyPackages: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' },
              },
              required: ['name', 'importers', 'message'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'zones'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden: '[{{zone}}] {{target}} may not be imported here: {{message}}',
    },
  },

  create(context) {
    const options = /** @type {Options} */ (context.options[0]);
    const root = options.root;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const zones = options.zones.filter(
      (z) => matchesAny(file, z.importers) && !matchesAny(file, z.exceptImporters),
    );
    if (zones.length === 0) return {};
    const importerDir = path.dirname(context.filename);

    /**
     * Type-only imports count too: a layer that names another's types depends on it.
     * @param {import('estree').Node} reportNode
     * @param {string | undefined} specifier
     */
    function check(reportNode, specifier) {
      if (specifier === undefined) return;
      const target = classify(specifier, importerDir, root);
      for (const zone of zones) {
        const what = violation(zone, target);
        if (what !== undefined) {
          context.report({
            node: reportNode,
            messageId: 'forbidden',
            data: { zone: zone.name, target: what, message: zone.message },
          });
        }
      }
    }

    /** @param {ImportLike} node */
    function fromSource(node) {
      check(asNode(node), literalSource(node.source));
    }

    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: fromSource,
      CallExpression(node) {
        // require('x') in JS files and CommonJS-style code.
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          const arg = /** @type {ImportLike['source']} */ (/** @type {unknown} */ (node.arguments[0]));
          check(node, literalSource(arg));
        }
      },
      /** `import x = require('x')` */
      TSImportEqualsDeclaration(/** @type {TsImportNode} */ node) {
        const ref = node.moduleReference;
        if (ref?.type === 'TSExternalModuleReference') {
          check(asNode(node), literalSource(ref.expression));
        }
      },
      /** `typeof import('x')` and `import('x').T` in type positions */
      TSImportType(/** @type {TsImportNode} */ node) {
        // typescript-eslint 8 names the string `source`; older versions `argument` (now a
        // deprecated getter that warns when read).
        const arg = node.source ?? (node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument);
        check(asNode(node), literalSource(arg));
      },
    };
  },
};

export default rule;
