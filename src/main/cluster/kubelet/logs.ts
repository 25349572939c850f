/**
 * Container logs as the CRI keeps them: one file per container instance under
 * /var/log/pods/<ns>_<pod>_<uid>/<container>/<restartCount>.log, of which the kubelet serves the
 * current and the previous one. Each is bounded like the kubelet's containerLogMaxSize rotation
 * (oldest lines dropped). `kubeletLogSource` is the ContainerLogSource the API server's `pods/log`
 * reads: it asks the kubelet of the Pod's node.
 */
import type { Pod } from '../../../shared/api/core.js';

/** One line a container wrote (the same shape as the API server's `LogEntry`). */
export interface LogLine {
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Lines kept per instance before the oldest are dropped (≈ containerLogMaxSize 10Mi of short lines). */
export const MAX_LOG_LINES = 10_000;

export type LazyLines = (write: (stream: 'stdout' | 'stderr', text: string) => void, time: number) => void;

export class InstanceLog {
  private lines: LogLine[] = [];
  private preamble: { time: number; lines: LazyLines } | undefined;

  /** Lines that come before everything appended, rendered on read (see ProcessContext.startup). */
  setPreamble(time: number, lines: LazyLines): void {
    this.preamble = { time, lines };
  }

  append(line: LogLine): void {
    this.lines.push(line);
    // Drop in chunks so a chatty loop costs O(1) amortised per line.
    if (this.lines.length > MAX_LOG_LINES * 1.25) this.lines = this.lines.slice(-MAX_LOG_LINES);
  }

  read(): readonly LogLine[] {
    const tail = this.lines.length > MAX_LOG_LINES ? this.lines.slice(-MAX_LOG_LINES) : this.lines;
    const preamble = this.preamble;
    if (!preamble || tail.length >= MAX_LOG_LINES) return tail;
    const head: LogLine[] = [];
    preamble.lines((stream, text) => head.push({ time: preamble.time, stream, text }), preamble.time);
    return [...head, ...tail];
  }
}

/** What a kubelet can say about the logs of the Pods it runs. */
export interface ContainerLogReader {
  readonly nodeName: string;
  readContainerLog(pod: Pod, container: string, instance: 'current' | 'previous'): readonly LogLine[] | undefined;
}

/** The shape of pod-log's ContainerLogSource (structural, so the kubelet does not import the API server). */
export interface KubeletLogSource {
  read(pod: Pod, container: string, instance: 'current' | 'previous'): readonly LogLine[] | undefined;
}

/** A ContainerLogSource over the lab's kubelets (looked up on every read: kubelets come and go). */
export function kubeletLogSource(kubelets: () => Iterable<ContainerLogReader>): KubeletLogSource {
  return {
    read(pod, container, instance) {
      for (const kubelet of kubelets()) {
        if (kubelet.nodeName === pod.spec.nodeName) return kubelet.readContainerLog(pod, container, instance);
      }
      return undefined;
    },
  };
}
