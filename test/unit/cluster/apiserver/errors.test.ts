import { describe, expect, it } from 'vitest';
import {
  alreadyExists,
  conflictModified,
  duplicate,
  forbidden,
  gone,
  internalError,
  invalid,
  invalidValue,
  methodNotSupported,
  notFound,
  notSupported,
  required,
  success,
} from '../../../../src/main/cluster/apiserver/errors.js';

describe('Status errors', () => {
  it('NotFound and AlreadyExists name the (qualified) resource', () => {
    expect(notFound({ group: '', resource: 'pods' }, 'x').message).toBe('pods "x" not found');
    expect(notFound({ group: 'apps', resource: 'deployments' }, 'x')).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'deployments.apps "x" not found',
      details: { name: 'x', group: 'apps', kind: 'deployments' },
    });
    expect(alreadyExists({ group: '', resource: 'pods' }, 'x')).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'pods "x" already exists' });
  });

  it('Conflict has the optimistic-concurrency wording', () => {
    expect(conflictModified({ group: '', resource: 'pods' }, 'x')).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('Invalid prints one error plainly and several in brackets, with causes', () => {
    expect(invalid('Pod', '', 'x', [required('spec.containers[0].image')]).message).toBe('Pod "x" is invalid: spec.containers[0].image: Required value');
    const several = invalid('Deployment', 'apps', 'd', [required('spec.selector'), invalidValue('spec.replicas', -1, 'must be greater than or equal to 0')]);
    expect(several.message).toBe('Deployment.apps "d" is invalid: [spec.selector: Required value, spec.replicas: Invalid value: -1: must be greater than or equal to 0]');
    expect(several.code).toBe(422);
    expect(several.details).toEqual({
      name: 'd',
      group: 'apps',
      kind: 'Deployment',
      causes: [
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' },
        { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
      ],
    });
  });

  it('field errors print values the way field.Error does', () => {
    expect(invalidValue('f', 'text', 'why').detail).toBe('Invalid value: "text": why');
    expect(invalidValue('f', 3, 'why').detail).toBe('Invalid value: 3: why');
    expect(invalidValue('f', null, 'why').detail).toBe('Invalid value: null: why');
    expect(required('f', 'because').detail).toBe('Required value: because');
    expect(forbidden('f', 'no').detail).toBe('Forbidden: no');
    expect(duplicate('f', 'a').detail).toBe('Duplicate value: "a"');
    expect(notSupported('f', 'x', ['A', 'B']).detail).toBe('Unsupported value: "x": supported values: "A", "B"');
  });

  it('other statuses carry their codes and reasons', () => {
    expect(methodNotSupported({ group: '', resource: 'pods' }, 'watch')).toMatchObject({ code: 405, reason: 'MethodNotAllowed', message: 'watch is not supported on resources of kind "pods"' });
    expect(gone('too old')).toMatchObject({ code: 410, reason: 'Expired' });
    expect(internalError('boom')).toMatchObject({ code: 500, message: 'Internal error occurred: boom' });
    expect(success()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 });
  });
});
