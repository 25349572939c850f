/**
 * Kubernetes Status errors (k8s.io/apimachinery/pkg/api/errors) with kube-apiserver's wording.
 * Errors are values: the API server returns them, the client passes them on, kubectl prints them.
 */
import type { Status, StatusCause, StatusReason } from '../../../shared/api/meta.js';

export interface GroupResource {
  group: string;
  resource: string;
}

function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

function failure(code: number, reason: StatusReason, message: string, details?: Status['details']): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return status;
}

export function notFound(gr: GroupResource, name: string): Status {
  return failure(404, 'NotFound', `${qualified(gr)} "${name}" not found`, {
    name,
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

export function alreadyExists(gr: GroupResource, name: string): Status {
  return failure(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, {
    name,
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

export function conflict(gr: GroupResource, name: string, reason: string): Status {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${reason}`, {
    name,
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

/** The optimistic-concurrency failure kubectl users meet most. */
export function conflictModified(gr: GroupResource, name: string): Status {
  return conflict(
    gr,
    name,
    'the object has been modified; please apply your changes to the latest version and try again',
  );
}

export interface FieldError {
  type:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueTypeInvalid'
    | 'FieldValueForbidden'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate'
    | 'FieldValueTooLong'
    | 'FieldValueTooMany'
    | 'FieldValueNotFound';
  field: string;
  /** The full sentence after the field path, e.g. `Required value` or `Invalid value: "X": …`. */
  detail: string;
}

export function required(field: string, why?: string): FieldError {
  return { type: 'FieldValueRequired', field, detail: why ? `Required value: ${why}` : 'Required value' };
}

export function invalidValue(field: string, value: unknown, why: string): FieldError {
  return { type: 'FieldValueInvalid', field, detail: `Invalid value: ${goValue(value)}: ${why}` };
}

export function forbidden(field: string, why: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail: `Forbidden: ${why}` };
}

export function notSupported(field: string, value: unknown, allowed: string[]): FieldError {
  return {
    type: 'FieldValueNotSupported',
    field,
    detail: `Unsupported value: ${goValue(value)}: supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
  };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, detail: `Duplicate value: ${goValue(value)}` };
}

export function tooLong(field: string, maxLength: number): FieldError {
  return { type: 'FieldValueTooLong', field, detail: `Too long: must have at most ${maxLength} bytes` };
}

/**
 * A value field.Error prints with Go's `%#v` (slices, structs), spelled out by the caller:
 * `[]string{"10.96.0.1"}`. Plain strings and numbers need no wrapper.
 */
export interface GoLiteral {
  readonly goSyntax: string;
}

export function goLiteral(goSyntax: string): GoLiteral {
  return { goSyntax };
}

/** `%#v` of a []string: `[]string{"a", "b"}`, `[]string{}`, or `[]string(nil)` when absent. */
export function goStringSlice(values: readonly string[] | undefined): GoLiteral {
  if (values === undefined) return goLiteral('[]string(nil)');
  return goLiteral(`[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`);
}

function isGoLiteral(value: unknown): value is GoLiteral {
  return typeof value === 'object' && value !== null && typeof (value as { goSyntax?: unknown }).goSyntax === 'string';
}

/** How field.Error prints a value: strings quoted, numbers bare, Go literals as given. */
function goValue(value: unknown): string {
  if (isGoLiteral(value)) return value.goSyntax;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * 422, NewInvalid: `Pod "x" is invalid: spec.containers[0].image: Required value`, the kind qualified
 * by its group (`Deployment.apps "web" is invalid: …`); several errors joined with ", " in brackets.
 * kubectl prints its own `The Pod "x" is invalid: …` from the details and causes.
 */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): Status {
  const parts = errors.map((e) => `${e.field}: ${e.detail}`);
  const summary = parts.length === 1 ? parts[0]! : `[${parts.join(', ')}]`;
  const causes: StatusCause[] = errors.map((e) => ({ reason: e.type, message: e.detail, field: e.field }));
  return failure(422, 'Invalid', `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${summary}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes,
  });
}

export function badRequest(message: string): Status {
  return failure(400, 'BadRequest', message);
}

export function methodNotSupported(gr: GroupResource, verb: string): Status {
  return failure(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualified(gr)}"`, {
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

/** 405 from the router when no route serves the verb (a create-only review asked to `get`). */
export function methodNotAllowedByRoute(): Status {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function forbiddenNamespaceTerminating(gr: GroupResource, name: string, namespace: string): Status {
  return failure(
    403,
    'Forbidden',
    `${qualified(gr)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
    { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource },
  );
}

export function gone(message: string): Status {
  return failure(410, 'Expired', message);
}

export function internalError(message: string): Status {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`);
}

export function success(details?: Status['details']): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) status.details = details;
  return status;
}

/**
 * NewGenericServerResponse(422, …): what the patch handler returns when a JSON patch does not
 * apply. The message is generic; the library's error is the one cause.
 */
export function unprocessable(serverMessage: string): Status {
  return failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    causes: [{ reason: 'UnexpectedServerResponse', message: serverMessage }],
  });
}

/**
 * 403 from the authorization filter (responsewriters.Forbidden): `pods "x" is forbidden: User "jane"
 * cannot get resource "pods" in API group "" in the namespace "default"`, with the authorizer's
 * reason after a colon when it gave one.
 */
export function forbiddenByAuthorizer(
  attributes: { username: string; verb: string; resourceRequest: boolean; path?: string; group?: string; resource?: string; subresource?: string; namespace?: string; name?: string },
  reason: string,
): Status {
  let message: string;
  if (!attributes.resourceRequest) {
    message = `User ${JSON.stringify(attributes.username)} cannot ${attributes.verb} path ${JSON.stringify(attributes.path ?? '')}`;
  } else {
    const resource = attributes.subresource ? `${attributes.resource ?? ''}/${attributes.subresource}` : (attributes.resource ?? '');
    const scope = attributes.namespace ? `in the namespace ${JSON.stringify(attributes.namespace)}` : 'at the cluster scope';
    message = `User ${JSON.stringify(attributes.username)} cannot ${attributes.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attributes.group ?? '')} ${scope}`;
  }
  if (reason) message += `: ${reason}`;
  const gr = { group: attributes.group ?? '', resource: attributes.resource ?? '' };
  const name = attributes.name ?? '';
  const subject = name ? `${qualified(gr)} ${JSON.stringify(name)}` : qualified(gr);
  return failure(403, 'Forbidden', `${subject} is forbidden: ${message}`, { ...(name ? { name } : {}), ...(gr.group ? { group: gr.group } : {}), kind: gr.resource });
}

/** 403 from admission or a subresource: `<resource> "name" is forbidden: <why>` (NewForbidden). */
export function forbiddenWith(gr: GroupResource, name: string, why: string): Status {
  const subject = name ? `${qualified(gr)} ${JSON.stringify(name)}` : qualified(gr);
  return failure(403, 'Forbidden', `${subject} is forbidden: ${why}`, { ...(name ? { name } : {}), ...(gr.group ? { group: gr.group } : {}), kind: gr.resource });
}
