/** The `kubectl create` subcommands by name and alias, `secret` and `service` with their own. */
import { CONFIG_MAP, SECRET_DOCKER_REGISTRY, SECRET_GENERIC, SECRET_TLS } from './config-objects.js';
import { INGRESS } from './ingress.js';
import { CLUSTER_ROLE, CLUSTER_ROLE_BINDING, ROLE, ROLE_BINDING } from './rbac.js';
import { SERVICE_CLUSTER_IP, SERVICE_EXTERNAL_NAME, SERVICE_LOAD_BALANCER, SERVICE_NODE_PORT } from './service.js';
import { NAMESPACE, POD_DISRUPTION_BUDGET, PRIORITY_CLASS, QUOTA, SERVICE_ACCOUNT } from './simple-objects.js';
import type { CreateSubcommand } from './subcommand.js';
import { TOKEN } from './token.js';
import { CRON_JOB, DEPLOYMENT, JOB } from './workloads.js';

export interface CreateLeaf {
  /** The command's name first, then its aliases. */
  names: string[];
  sub: CreateSubcommand;
}

export interface CreateGroup {
  names: string[];
  group: Record<string, CreateEntry>;
}

export type CreateEntry = CreateLeaf | CreateGroup;

export const CREATE_GENERATORS: Record<string, CreateEntry> = {
  clusterrole: { names: ['clusterrole'], sub: CLUSTER_ROLE },
  clusterrolebinding: { names: ['clusterrolebinding'], sub: CLUSTER_ROLE_BINDING },
  configmap: { names: ['configmap', 'cm'], sub: CONFIG_MAP },
  cronjob: { names: ['cronjob', 'cj'], sub: CRON_JOB },
  deployment: { names: ['deployment', 'deploy'], sub: DEPLOYMENT },
  ingress: { names: ['ingress', 'ing'], sub: INGRESS },
  job: { names: ['job'], sub: JOB },
  namespace: { names: ['namespace', 'ns'], sub: NAMESPACE },
  poddisruptionbudget: { names: ['poddisruptionbudget', 'pdb'], sub: POD_DISRUPTION_BUDGET },
  priorityclass: { names: ['priorityclass', 'pc'], sub: PRIORITY_CLASS },
  quota: { names: ['quota', 'resourcequota'], sub: QUOTA },
  role: { names: ['role'], sub: ROLE },
  rolebinding: { names: ['rolebinding'], sub: ROLE_BINDING },
  secret: {
    names: ['secret'],
    group: {
      'docker-registry': { names: ['docker-registry'], sub: SECRET_DOCKER_REGISTRY },
      generic: { names: ['generic'], sub: SECRET_GENERIC },
      tls: { names: ['tls'], sub: SECRET_TLS },
    },
  },
  service: {
    names: ['service', 'svc'],
    group: {
      clusterip: { names: ['clusterip'], sub: SERVICE_CLUSTER_IP },
      externalname: { names: ['externalname'], sub: SERVICE_EXTERNAL_NAME },
      loadbalancer: { names: ['loadbalancer'], sub: SERVICE_LOAD_BALANCER },
      nodeport: { names: ['nodeport'], sub: SERVICE_NODE_PORT },
    },
  },
  serviceaccount: { names: ['serviceaccount', 'sa'], sub: SERVICE_ACCOUNT },
  token: { names: ['token'], sub: TOKEN },
};
