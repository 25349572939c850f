/** cmdutil.CheckErr's wording for API errors. */
import { describe, expect, it } from 'vitest';
import type { Status } from '../../../src/shared/api/meta.js';
import { KubectlError, formatStatusError, withSource } from '../../../src/main/kubectl/errors.js';

function status(fields: Partial<Status>): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, ...fields };
}

describe('formatStatusError', () => {
  it('prefixes the reason', () => {
    expect(formatStatusError(status({ code: 404, reason: 'NotFound', message: 'pods "x" not found', details: { name: 'x', kind: 'pods' } }))).toBe(
      'Error from server (NotFound): pods "x" not found\n',
    );
    expect(formatStatusError(status({ code: 409, reason: 'AlreadyExists', message: 'pods "x" already exists' }))).toBe(
      'Error from server (AlreadyExists): pods "x" already exists\n',
    );
    expect(formatStatusError(status({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' }))).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    );
  });

  it('leaves the reason out when the Status has none', () => {
    expect(formatStatusError(status({ message: 'something broke' }))).toBe('Error from server: something broke\n');
  });

  it('writes an Invalid error with one cause on one line', () => {
    const invalid = status({
      code: 422,
      reason: 'Invalid',
      message: 'Pod "x" is invalid: spec.containers[0].image: Required value',
      details: { name: 'x', kind: 'Pod', causes: [{ reason: 'FieldValueRequired', field: 'spec.containers[0].image', message: 'Required value' }] },
    });
    expect(formatStatusError(invalid)).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value\n');
  });

  it('lists several causes as bullets after the prefix line', () => {
    const invalid = status({
      code: 422,
      reason: 'Invalid',
      message: 'Pod "x" is invalid: [a: b, c: d]',
      details: { name: 'x', kind: 'Pod', causes: [{ field: 'a', message: 'b' }, { field: 'c', message: 'd' }] },
    });
    expect(formatStatusError(invalid)).toBe('The Pod "x" is invalid: \n* a: b\n* c: d\n');
  });

  it('skips repeated causes', () => {
    const invalid = status({
      code: 422,
      reason: 'Invalid',
      details: { name: 'x', kind: 'Pod', causes: [{ field: 'a', message: 'b' }, { field: 'a', message: 'b' }] },
    });
    expect(formatStatusError(invalid)).toBe('The Pod "x" is invalid: a: b\n');
  });

  it('writes an Invalid error without causes as the bare sentence', () => {
    expect(formatStatusError(status({ code: 422, reason: 'Invalid', message: 'm', details: { name: 'x', kind: 'Pod' } }))).toBe(
      'The Pod "x" is invalid\n',
    );
  });

  it('says "The request is invalid" without details, or without a kind and name', () => {
    expect(formatStatusError(status({ code: 422, reason: 'Invalid', message: 'm' }))).toBe('The request is invalid\n');
    expect(formatStatusError(status({ code: 422, reason: 'Invalid', message: 'm', details: { causes: [{ field: 'a', message: 'b' }] } }))).toBe(
      'The request is invalid: a: b\n',
    );
  });
});

describe('withSource', () => {
  it('names the file the object came from, as AddSourceToErr does', () => {
    const notFound = status({ code: 404, reason: 'NotFound', message: 'namespaces "nowhere" not found' });
    expect(formatStatusError(withSource(notFound, 'creating', 'STDIN'))).toBe(
      'Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\n',
    );
    expect(withSource(notFound, 'creating', '')).toBe(notFound);
  });
});

describe('KubectlError', () => {
  it('carries the exact text to print', () => {
    const error = new KubectlError('error: x\n');
    expect(error.text).toBe('error: x\n');
    expect(error).toBeInstanceOf(Error);
  });
});
