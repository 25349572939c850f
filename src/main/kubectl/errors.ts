/**
 * How kubectl reports failures (cmdutil.CheckErr): API Status errors as
 * `Error from server (Reason): message`, Invalid ones as `The Kind "name" is invalid: …`
 * (several causes as a bulleted list), and everything else as `error: message`.
 */
import type { Status } from '../../shared/api/meta.js';

export function formatStatusError(status: Status): string {
  if (status.reason === 'Invalid') return invalidMessage(status);
  if (status.reason === 'Unauthorized') return `error: You must be logged in to the server (${status.message ?? ''})\n`;
  const message = status.message ?? 'an error on the server has prevented the request from succeeding';
  // StandardErrorMessage names the reason only when the Status has one.
  return status.reason ? `Error from server (${status.reason}): ${message}\n` : `Error from server: ${message}\n`;
}

/**
 * checkErr's IsInvalid branch: `The Kind "name" is invalid` (or `The request is invalid` without
 * either), then the distinct causes — one on the same line, several as a bulleted list.
 */
function invalidMessage(status: Status): string {
  const details = status.details;
  if (!details) return 'The request is invalid\n';
  const prefix = details.kind || details.name ? `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid` : 'The request is invalid';
  const causes = [...new Set((details.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`))];
  if (causes.length === 0) return `${prefix}\n`;
  if (causes.length === 1) return `${prefix}: ${causes[0]}\n`;
  return `${prefix}: \n${causes.map((c) => `* ${c}`).join('\n')}\n`;
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
