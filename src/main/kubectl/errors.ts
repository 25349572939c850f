/**
 * How kubectl reports failures (cmdutil.CheckErr): API Status errors as
 * `Error from server (Reason): message`, Invalid ones as `The Kind "name" is invalid: …`
 * (several causes as a bulleted list), and everything else as `error: message`.
 */
import type { Status } from '../../shared/api/meta.js';

export function formatStatusError(status: Status): string {
  if (status.reason === 'Invalid' && status.details) {
    const prefix = `The ${status.details.kind ?? ''} "${status.details.name ?? ''}" is invalid: `;
    const causes = (status.details.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    if (causes.length === 1) return `${prefix}${causes[0]}\n`;
    if (causes.length > 1) return `${prefix}\n${causes.map((c) => `* ${c}`).join('\n')}\n`;
  }
  if (status.reason === 'NotFound' && !status.details?.name && status.message === 'the server could not find the requested resource') {
    return `Error from server (NotFound): ${status.message}\n`;
  }
  return `Error from server (${status.reason ?? 'InternalError'}): ${status.message ?? 'an error on the server has prevented the request from succeeding'}\n`;
}

/** A Status with its message rewritten the way cmdutil.AddSourceToErr does. */
export function withSource(status: Status, verb: string, source: string): Status {
  if (!source) return status;
  return { ...status, message: `error when ${verb} "${source}": ${status.message ?? ''}` };
}

export class KubectlError extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}
