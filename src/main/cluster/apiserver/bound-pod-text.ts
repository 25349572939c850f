/**
 * The stored text of a Pod after its binding, made from the text before it: the binding changes
 * only `spec.nodeName` and the PodScheduled condition, so everything else is the stored text as it
 * was instead of a JSON.stringify of the whole Pod. The result is exactly what encoding the bound
 * Pod gives (undefined when the text is not shaped as expected; the caller encodes then).
 */
import type { Pod, PodCondition } from '../../../shared/api/core.js';
import { objectMembers } from './json-text.js';

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** The object's text with `key` set to `value`: in place if present, else as its last member. */
function withMember(text: string, start: number, end: number, key: string, value: string): string | undefined {
  const members = objectMembers(text, start);
  if (!members) return undefined;
  const existing = members.get(key);
  if (existing) return text.slice(start, existing.start) + value + text.slice(existing.end, end);
  return `${text.slice(start, end - 1)}${members.size > 0 ? ',' : ''}${JSON.stringify(key)}:${value}}`;
}

/**
 * `stored`: the Pod's stored text; `pod`: the same Pod decoded; `conditions`: its status.conditions
 * after the binding.
 */
export function boundPodText(stored: string, pod: Pod, nodeName: string, conditions: readonly PodCondition[]): string | undefined {
  const top = objectMembers(stored, 0);
  const spec = top?.get('spec');
  if (!top || !spec) return undefined;
  const replacements: Replacement[] = [];
  const specText = withMember(stored, spec.start, spec.end, 'nodeName', JSON.stringify(nodeName));
  if (specText === undefined) return undefined;
  replacements.push({ ...spec, text: specText });
  const conditionsText = JSON.stringify(conditions);
  const status = top.get('status');
  if (!status) {
    replacements.push({ start: stored.length - 1, end: stored.length - 1, text: `,"status":{"conditions":${conditionsText}}` });
  } else if (pod.status === null || pod.status === undefined) {
    replacements.push({ ...status, text: `{"conditions":${conditionsText}}` });
  } else {
    const statusText = withMember(stored, status.start, status.end, 'conditions', conditionsText);
    if (statusText === undefined) return undefined;
    replacements.push({ ...status, text: statusText });
  }
  replacements.sort((a, b) => b.start - a.start);
  let text = stored;
  for (const r of replacements) text = text.slice(0, r.start) + r.text + text.slice(r.end);
  return text;
}
