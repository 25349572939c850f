/**
 * flowcontrol.apiserver.k8s.io/v1 (API Priority and Fairness): FlowSchemas (which requests go
 * to which priority level) and PriorityLevelConfigurations (each level's share of concurrency and
 * its queues). Defaults as SetDefaults_* in v1, the main validation rules, and kube-apiserver's
 * printers; the lab does not queue requests by them.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, invalidValue, notSupported, required } from '../errors.js';
import { defineResource } from './define-resource.js';
import { age } from './printing.js';
import { type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';
import { ageColumn, nameColumn } from './workload-columns.js';

const GROUP = 'flowcontrol.apiserver.k8s.io';

export interface FlowSchema extends KubeObject {
  spec: {
    priorityLevelConfiguration: { name: string };
    matchingPrecedence?: number;
    distinguisherMethod?: { type: string };
    rules?: unknown[];
  };
  status?: { conditions?: Array<{ type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }> };
}

export interface PriorityLevelConfiguration extends KubeObject {
  spec: {
    type: string;
    limited?: {
      nominalConcurrencyShares?: number;
      lendablePercent?: number;
      borrowingLimitPercent?: number;
      limitResponse?: { type: string; queuing?: { queues?: number; handSize?: number; queueLengthLimit?: number } };
    };
    exempt?: { nominalConcurrencyShares?: number; lendablePercent?: number };
  };
  status?: { conditions?: unknown[] };
}

const DISTINGUISHER_METHODS = ['ByNamespace', 'ByUser'];
const LEVEL_TYPES = ['Exempt', 'Limited'];
const LIMIT_RESPONSE_TYPES = ['Queue', 'Reject'];

function validateFlowSchema(obj: KubeObject): FieldError[] {
  const spec = (obj as FlowSchema).spec ?? ({} as FlowSchema['spec']);
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  if (!spec.priorityLevelConfiguration?.name) errors.push(required('spec.priorityLevelConfiguration.name', 'must reference a priority level'));
  const precedence = spec.matchingPrecedence ?? 0;
  if (precedence <= 0) errors.push(invalidValue('spec.matchingPrecedence', precedence, 'must be a positive value'));
  else if (precedence > 10000) errors.push(invalidValue('spec.matchingPrecedence', precedence, 'must not be greater than 10000'));
  const method = spec.distinguisherMethod?.type;
  if (spec.distinguisherMethod && !DISTINGUISHER_METHODS.includes(method ?? '')) errors.push(notSupported('spec.distinguisherMethod.type', method ?? '', DISTINGUISHER_METHODS));
  return errors;
}

function validatePriorityLevel(obj: KubeObject): FieldError[] {
  const spec = (obj as PriorityLevelConfiguration).spec ?? ({} as PriorityLevelConfiguration['spec']);
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  if (!LEVEL_TYPES.includes(spec.type ?? '')) errors.push(notSupported('spec.type', spec.type ?? '', LEVEL_TYPES));
  else if (spec.type === 'Limited') {
    if (!spec.limited) errors.push(required('spec.limited', 'must not be empty when type is Limited'));
    else {
      const response = spec.limited.limitResponse?.type ?? '';
      if (!LIMIT_RESPONSE_TYPES.includes(response)) errors.push(notSupported('spec.limited.limitResponse.type', response, LIMIT_RESPONSE_TYPES));
    }
  }
  return errors;
}

/** The DISTINGUISHERMETHOD and MISSINGPL cells: `<none>`, and the Dangling condition (`?` before it is set). */
function flowSchemaCells(obj: KubeObject, now: number): Array<string | number> {
  const fs = obj as FlowSchema;
  const dangling = fs.status?.conditions?.find((c) => c.type === 'Dangling')?.status ?? '?';
  return [
    fs.metadata.name ?? '',
    fs.spec?.priorityLevelConfiguration?.name ?? '',
    fs.spec?.matchingPrecedence ?? 0,
    fs.spec?.distinguisherMethod?.type ?? '<none>',
    age(fs.metadata.creationTimestamp, now),
    dangling,
  ];
}

/** `<none>` for what a level of its type does not have. */
function priorityLevelCells(obj: KubeObject, now: number): Array<string | number> {
  const pl = obj as PriorityLevelConfiguration;
  const limited = pl.spec?.limited;
  const queuing = limited?.limitResponse?.queuing;
  return [
    pl.metadata.name ?? '',
    pl.spec?.type ?? '',
    limited?.nominalConcurrencyShares ?? '<none>',
    queuing?.queues ?? '<none>',
    queuing?.handSize ?? '<none>',
    queuing?.queueLengthLimit ?? '<none>',
    age(pl.metadata.creationTimestamp, now),
  ];
}

export const flowSchemaResource = defineResource({
  group: GROUP,
  version: 'v1',
  kind: 'FlowSchema',
  plural: 'flowschemas',
  singular: 'flowschema',
  namespaced: false,
  subresources: ['status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    applyDefaults(obj) {
      const spec = (obj as FlowSchema).spec;
      if (spec) spec.matchingPrecedence ??= 1000;
    },
    prepareForCreate(obj) {
      (obj as FlowSchema).status = {};
    },
    validate: validateFlowSchema,
    validateUpdate: (obj) => validateFlowSchema(obj),
  },
  printer: {
    columns: [
      nameColumn,
      column('PriorityLevel', 'string', 'priorityLevelConfiguration should reference a PriorityLevelConfiguration in the cluster. If the reference cannot be resolved, the FlowSchema will be ignored and marked as invalid in its status. Required.'),
      column('MatchingPrecedence', 'string', 'matchingPrecedence is used to choose among the FlowSchemas that match a given request. The chosen FlowSchema is among those with the numerically lowest (which we take to be logically highest) MatchingPrecedence.  Each MatchingPrecedence value must be ranged in [1,10000]. Note that if the precedence is not specified, it will be set to 1000 as default.'),
      column('DistinguisherMethod', 'string', '`distinguisherMethod` defines how to compute the flow distinguisher for requests that match this schema. `nil` specifies that the distinguisher is disabled and thus will always be the empty string.'),
      ageColumn,
      column('MissingPL', 'string', 'indicates whether the priorityLevelConfiguration reference is dangling (\'True\') or not (\'False\'), or unknown (\'?\')'),
    ],
    cells: flowSchemaCells,
  },
});

export const priorityLevelConfigurationResource = defineResource({
  group: GROUP,
  version: 'v1',
  kind: 'PriorityLevelConfiguration',
  plural: 'prioritylevelconfigurations',
  singular: 'prioritylevelconfiguration',
  namespaced: false,
  subresources: ['status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    applyDefaults(obj) {
      const spec = (obj as PriorityLevelConfiguration).spec;
      if (spec?.limited) {
        spec.limited.nominalConcurrencyShares ??= 30;
        spec.limited.lendablePercent ??= 0;
        const queuing = spec.limited.limitResponse?.queuing;
        if (queuing) {
          queuing.queues ??= 64;
          queuing.handSize ??= 8;
          queuing.queueLengthLimit ??= 50;
        }
      }
      if (spec?.exempt) {
        spec.exempt.nominalConcurrencyShares ??= 0;
        spec.exempt.lendablePercent ??= 0;
      }
    },
    prepareForCreate(obj) {
      (obj as PriorityLevelConfiguration).status = {};
    },
    validate: validatePriorityLevel,
    validateUpdate: (obj) => validatePriorityLevel(obj),
  },
  printer: {
    columns: [
      nameColumn,
      column('Type', 'string', '`type` indicates whether this priority level is subject to limitation on request execution.  A value of `"Exempt"` means that requests of this priority level are not subject to a limit (and thus are never queued) and do not detract from the capacity made available to other priority levels.  A value of `"Limited"` means that (a) requests of this priority level _are_ subject to limits and (b) some of the server\'s limited capacity is made available exclusively to this priority level. Required.'),
      column('NominalConcurrencyShares', 'string', 'nominalConcurrencyShares (NCS) contributes to the computation of the NominalConcurrencyLimit (NominalCL) of this level.'),
      column('Queues', 'string', '`queues` is the number of queues for this priority level. The queues exist independently at each apiserver. The value must be positive.  Setting it to 1 effectively precludes shufflesharding and thus makes the distinguisher method of associated flow schemas irrelevant.  This field has a default value of 64.'),
      column('HandSize', 'string', '`handSize` is a small positive number that configures the shuffle sharding of requests into queues.  When enqueuing a request at this priority level the request\'s flow identifier (a string pair) is hashed and the hash value is used to shuffle the list of queues and deal a hand of the size specified here.'),
      column('QueueLengthLimit', 'string', '`queueLengthLimit` is the maximum number of requests allowed to be waiting in a given queue of this priority level at a time; excess requests are rejected.  This value must be positive.  If not specified, it will be defaulted to 50.'),
      ageColumn,
    ],
    cells: priorityLevelCells,
  },
});

export const flowcontrolV1Resources: readonly ResourceDefinition[] = [flowSchemaResource, priorityLevelConfigurationResource];
