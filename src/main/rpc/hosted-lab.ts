/**
 * One learner's lab as a host serves it: a LabSession, its lessons and the LabRpcServer over
 * them, disposed together. `kubelab web` makes one per browser, the Electron app one per window.
 */
import type { Disposable } from '../../shared/lifecycle.js';
import type { LabOptions } from '../lab/lab.js';
import { LabSession } from '../lab/lab-session.js';
import { LabRpcServer } from './lab-rpc-server.js';
import { type LessonsProviderFactory, noLessonsFactory } from './lessons-provider.js';

export interface HostedLabOptions {
  lab?: LabOptions;
  /** The lessons engine (src/main/lessons `createLessonsFactory()`); none by default. */
  lessons?: LessonsProviderFactory;
  /** `--lessons DIR`, handed to the lessons factory. */
  lessonsDir?: string;
}

export interface HostedLab extends Disposable {
  readonly session: LabSession;
  readonly server: LabRpcServer;
}

export function createHostedLab(options: HostedLabOptions = {}): HostedLab {
  const session = new LabSession(options.lab);
  const lessons = (options.lessons ?? noLessonsFactory)(session, { dir: options.lessonsDir });
  const server = new LabRpcServer(session, lessons);
  let disposed = false;
  return {
    session,
    server,
    dispose() {
      if (disposed) return;
      disposed = true;
      server.dispose();
      lessons.dispose?.();
      session.dispose();
    },
  };
}
