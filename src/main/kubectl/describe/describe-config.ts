/**
 * kubectl describe for namespace-level configuration, laid out like kubectl 1.32: Namespace (with
 * its quotas and limit ranges), ConfigMap, Secret, ServiceAccount, ResourceQuota and LimitRange.
 */
import type { KubeObject } from '../../../shared/api/meta.js';
import { LIMIT_RANGES, RESOURCE_QUOTAS, SECRETS } from '../../cluster/client/resources.js';
import { type DescribeContext, type Json, arr, rec, strs, text, writeObjectEvents } from './describer.js';
import { LEVEL_0, LEVEL_1, PrefixWriter, rfc1123z, writeAnnotations, writeLabels } from './prefix-writer.js';

type Loose = KubeObject & { spec?: Json; status?: Json; data?: Json; binaryData?: Json; type?: string };

function sortedKeys(value: Json): string[] {
  return Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function writeNameAndNamespace(w: PrefixWriter, o: KubeObject): void {
  w.write(LEVEL_0, `Name:\t${o.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
}

/** SortableResourceNames: plain names (cpu, memory, pods) sort as strings. */
function resourceNames(hard: Json): string[] {
  return sortedKeys(hard);
}

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
  PriorityClass: 'Matches all pods that have a priority class. These pods have a priority class set.',
};

function quotaScopes(w: PrefixWriter, quota: Loose, level: number, bullet: string): void {
  const scopes = strs(rec(quota.spec).scopes).sort();
  if (scopes.length === 0) return;
  w.write(level, `Scopes:\t${scopes.join(', ')}\n`);
  for (const scope of scopes) if (SCOPE_HELP[scope]) w.write(level, `${bullet}${SCOPE_HELP[scope]}\n`);
}

function limitRangeRows(w: PrefixWriter, limitRange: Loose, prefix: string): void {
  for (const item of arr(rec(limitRange.spec).limits)) {
    const sources = { min: rec(item.min), max: rec(item.max), defaultRequest: rec(item.defaultRequest), default: rec(item.default), ratio: rec(item.maxLimitRequestRatio) };
    const names = new Set(Object.values(sources).flatMap((s) => Object.keys(s)));
    for (const name of [...names].sort()) {
      const value = (s: Json): string => (s[name] === undefined ? '-' : text(s[name]));
      w.write(
        LEVEL_0,
        `${prefix}${text(item.type)}\t${name}\t${value(sources.min)}\t${value(sources.max)}\t${value(sources.defaultRequest)}\t${value(sources.default)}\t${value(sources.ratio)}\n`,
      );
    }
  }
}

export function describeNamespace(object: KubeObject, ctx: DescribeContext): string {
  const ns = object as Loose;
  const name = ns.metadata.name ?? '';
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${name}\n`);
  writeLabels(w, 'Labels', ns.metadata.labels);
  writeAnnotations(w, ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${text(rec(ns.status).phase)}\n`);
  const conditions = arr(rec(ns.status).conditions);
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(LEVEL_1, `${text(c.type)}\t${text(c.status)}\t${rfc1123z(text(c.lastTransitionTime))}\t${text(c.reason)}\t${text(c.message)}\n`);
  }
  const quotas = ctx.client.list<Loose>(RESOURCE_QUOTAS, name);
  if (quotas.ok) {
    w.write(LEVEL_0, '\n');
    const items = [...quotas.value.items].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    if (items.length === 0) w.write(LEVEL_0, 'No resource quota.\n');
    else {
      w.write(LEVEL_0, 'Resource Quotas\n');
      for (const q of items) {
        w.write(LEVEL_1, `Name:\t${q.metadata.name ?? ''}\n`);
        quotaScopes(w, q, LEVEL_1, '* ');
        w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
        w.write(LEVEL_1, '--------\t---\t---\n');
        const hard = rec(rec(q.status).hard);
        const used = rec(rec(q.status).used);
        for (const r of resourceNames(hard)) w.write(LEVEL_1, `${r}\t${text(used[r]) || '0'}\t${text(hard[r])}\n`);
      }
    }
  }
  const limits = ctx.client.list<Loose>(LIMIT_RANGES, name);
  if (limits.ok) {
    w.write(LEVEL_0, '\n');
    if (limits.value.items.length === 0) w.write(LEVEL_0, 'No LimitRange resource.\n');
    else {
      w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
      w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
      for (const lr of limits.value.items) limitRangeRows(w, lr, ' ');
    }
  }
  return w.toString();
}

export function describeConfigMap(object: KubeObject, ctx: DescribeContext): string {
  const cm = object as Loose;
  const w = new PrefixWriter();
  writeNameAndNamespace(w, cm);
  writeLabels(w, 'Labels', cm.metadata.labels);
  writeAnnotations(w, cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = rec(cm.data);
  for (const key of sortedKeys(data)) {
    w.write(LEVEL_0, `${key}:\n----\n`);
    w.write(LEVEL_0, `${text(data[key])}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const binary = rec(cm.binaryData);
  for (const key of sortedKeys(binary)) w.write(LEVEL_0, `${key}: ${Buffer.from(text(binary[key]), 'base64').length} bytes\n`);
  w.write(LEVEL_0, '\n');
  writeObjectEvents(w, cm, ctx);
  return w.toString();
}

export function describeSecret(object: KubeObject): string {
  const secret = object as Loose;
  const w = new PrefixWriter();
  writeNameAndNamespace(w, secret);
  writeLabels(w, 'Labels', secret.metadata.labels);
  writeAnnotations(w, secret.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${text(secret.type)}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = rec(secret.data);
  for (const key of sortedKeys(data)) {
    const bytes = Buffer.from(text(data[key]), 'base64');
    if (key === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${key}:\t${bytes.toString('utf8')}\n`);
    else w.write(LEVEL_0, `${key}:\t${bytes.length} bytes\n`);
  }
  return w.toString();
}

export function describeServiceAccount(object: KubeObject, ctx: DescribeContext): string {
  const sa = object as Loose & { imagePullSecrets?: unknown; secrets?: unknown };
  const w = new PrefixWriter();
  writeNameAndNamespace(w, sa);
  writeLabels(w, 'Labels', sa.metadata.labels);
  writeAnnotations(w, sa.metadata.annotations);
  const secrets = ctx.client.list<Loose>(SECRETS, sa.metadata.namespace);
  const existing = new Set(secrets.ok ? secrets.value.items.map((s) => s.metadata.name ?? '') : []);
  const tokens = secrets.ok
    ? secrets.value.items
        .filter(
          (s) =>
            s.type === 'kubernetes.io/service-account-token' &&
            s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name &&
            s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid,
        )
        .map((s) => s.metadata.name ?? '')
    : [];
  const groups: Array<[string, string[], boolean]> = [
    ['Image pull secrets:', arr(sa.imagePullSecrets).map((s) => text(s.name)), true],
    ['Mountable secrets: ', arr(sa.secrets).map((s) => text(s.name)), true],
    ['Tokens:            ', tokens, false],
  ];
  for (const [header, names, checkMissing] of groups) {
    if (names.length === 0) {
      w.write(LEVEL_0, `${header}\t<none>\n`);
      continue;
    }
    names.forEach((name, i) => {
      const missing = checkMissing && !existing.has(name) ? ' (not found)' : '';
      w.write(LEVEL_0, `${i === 0 ? header : '                   '}\t${name}${missing}\n`);
    });
  }
  writeObjectEvents(w, sa, ctx);
  return w.toString();
}

export function describeResourceQuota(object: KubeObject): string {
  const quota = object as Loose;
  const w = new PrefixWriter();
  writeNameAndNamespace(w, quota);
  quotaScopes(w, quota, LEVEL_0, ' * ');
  w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
  w.write(LEVEL_0, '--------\t----\t----\n');
  const hard = rec(rec(quota.status).hard);
  const used = rec(rec(quota.status).used);
  for (const r of resourceNames(hard)) w.write(LEVEL_0, `${r}\t${text(used[r]) || '0'}\t${text(hard[r])}\n`);
  return w.toString();
}

export function describeLimitRange(object: KubeObject): string {
  const lr = object as Loose;
  const w = new PrefixWriter();
  writeNameAndNamespace(w, lr);
  w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeRows(w, lr, '');
  return w.toString();
}
