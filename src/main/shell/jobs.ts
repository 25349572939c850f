/**
 * Bash's job table: `cmd &` starts a job that runs on while the prompt comes back; `jobs`, `fg`,
 * `kill %N` and `wait` look it up by jobspec (`%1`, `%%`, `%+`, `%-`, `%name`, `%?text`). Finished
 * jobs are reported once (`[1]+  Done                    sleep 1`) at the next prompt.
 */

export type Signal = 'TERM' | 'KILL' | 'INT' | 'HUP';

/** Signal numbers and the words bash reports a job killed by them with. */
export const SIGNALS: Readonly<Record<Signal, { readonly number: number; readonly report: string }>> = {
  HUP: { number: 1, report: 'Hangup' },
  INT: { number: 2, report: 'Interrupt' },
  KILL: { number: 9, report: 'Killed' },
  TERM: { number: 15, report: 'Terminated' },
};

export type JobState = { readonly kind: 'running' } | { readonly kind: 'done'; readonly status: number } | { readonly kind: 'signalled'; readonly signal: Signal };

export interface Job {
  readonly id: number;
  readonly pid: number;
  /** The command as typed, without the `&`. */
  readonly text: string;
  state: JobState;
  readonly finished: Promise<number>;
  /** Deliver a signal: what the job runs is aborted. */
  terminate(signal?: Signal): void;
  /** Reported as finished (removed from the table). */
  reported: boolean;
}

export type JobLookup = { readonly ok: true; readonly job: Job } | { readonly ok: false; readonly message: string };

export class JobTable {
  private readonly jobs: Job[] = [];
  private nextPid: number;
  /** `$!`: the process ID of the last background job. */
  lastPid: number | undefined;

  constructor(firstPid = 4242) {
    this.nextPid = firstPid;
  }

  start(text: string, run: (signal: AbortSignal) => Promise<number>): Job {
    const controller = new AbortController();
    let killedBy: Signal | undefined;
    const live = this.list();
    const id = live.length === 0 ? 1 : Math.max(...live.map((j) => j.id)) + 1;
    const pid = this.nextPid;
    this.nextPid += 7;
    this.lastPid = pid;
    let resolveFinished!: (status: number) => void;
    const finished = new Promise<number>((resolve) => (resolveFinished = resolve));
    const job: Job = {
      id,
      pid,
      text,
      state: { kind: 'running' },
      finished,
      terminate: (signal = 'TERM') => {
        killedBy ??= signal;
        controller.abort();
      },
      reported: false,
    };
    this.jobs.push(job);
    // The job starts once the caller has announced it (`[1] 4242`).
    void Promise.resolve()
      .then(() => run(controller.signal))
      .then(
      (status) => {
        job.state = killedBy ? { kind: 'signalled', signal: killedBy } : { kind: 'done', status };
        resolveFinished(killedBy ? 128 + SIGNALS[killedBy].number : status);
      },
      () => {
        job.state = { kind: 'done', status: 1 };
        resolveFinished(1);
      },
    );
    return job;
  }

  /** Jobs still in the table, oldest first. */
  list(): readonly Job[] {
    return this.jobs.filter((j) => !j.reported);
  }

  /** `+` for the current job (the newest), `-` for the previous one. */
  marker(job: Job): '+' | '-' | ' ' {
    const live = this.list();
    if (live[live.length - 1] === job) return '+';
    if (live[live.length - 2] === job) return '-';
    return ' ';
  }

  /** Resolve a jobspec; `undefined` spec means the current job. */
  find(spec: string | undefined): JobLookup {
    const live = this.list();
    if (spec === undefined || spec === '%%' || spec === '%+' || spec === '%') {
      const job = live[live.length - 1];
      return job ? { ok: true, job } : { ok: false, message: `${spec ?? 'current'}: no such job` };
    }
    if (spec === '%-') {
      const job = live[live.length - 2] ?? live[live.length - 1];
      return job ? { ok: true, job } : { ok: false, message: `${spec}: no such job` };
    }
    const body = spec.startsWith('%') ? spec.slice(1) : spec;
    let matches: Job[];
    if (/^\d+$/.test(body)) matches = live.filter((j) => j.id === Number(body));
    else if (body.startsWith('?')) matches = live.filter((j) => j.text.includes(body.slice(1)));
    else matches = live.filter((j) => j.text.startsWith(body));
    if (matches.length > 1) return { ok: false, message: `${spec}: ambiguous job spec` };
    return matches[0] ? { ok: true, job: matches[0] } : { ok: false, message: `${spec}: no such job` };
  }

  findByPid(pid: number): Job | undefined {
    return this.list().find((j) => j.pid === pid);
  }

  /** Bash's `jobs` line for a job. */
  describe(job: Job, withPid = false): string {
    const state = job.state;
    const status = state.kind === 'running' ? 'Running' : state.kind === 'signalled' ? SIGNALS[state.signal].report : state.status === 0 ? 'Done' : `Exit ${state.status}`;
    const pid = withPid ? `${job.pid} ` : '';
    return `[${job.id}]${this.marker(job)}  ${pid}${status.padEnd(24)}${job.text}${job.state.kind === 'running' ? ' &' : ''}`;
  }

  /** Lines for jobs that finished since the last prompt; they leave the table. */
  takeNotices(): string[] {
    const finished = this.list().filter((j) => j.state.kind !== 'running');
    const lines = finished.map((j) => this.describe(j));
    for (const job of finished) job.reported = true;
    return lines;
  }

  /** Remove a finished job without a notice (`wait`, `fg` report it themselves). */
  forget(job: Job): void {
    job.reported = true;
  }
}
