/**
 * Table columns every workload printer repeats (kubernetes/pkg/printers/internalversion): Name,
 * Age, and the -o wide Containers and Images, with kube-apiserver's descriptions.
 */
import type { TableColumnDefinition } from '../../../../shared/api/meta.js';
import { column } from './resource.js';

export const nameColumn: TableColumnDefinition = column(
  'Name',
  'string',
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  0,
  'name',
);

export const ageColumn: TableColumnDefinition = column(
  'Age',
  'string',
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.',
);

export const containersColumn: TableColumnDefinition = column('Containers', 'string', 'Names of each container in the template.', 1);

export const imagesColumn: TableColumnDefinition = column('Images', 'string', 'Images referenced by each container in the template.', 1);
