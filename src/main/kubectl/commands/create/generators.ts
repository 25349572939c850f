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
  /** What cobra prints (to stderr, exit 1) for the group without a subcommand. */
  help: string;
}

export type CreateEntry = CreateLeaf | CreateGroup;

const SECRET_HELP = `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const SERVICE_HELP = `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

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
    help: SECRET_HELP,
    group: {
      'docker-registry': { names: ['docker-registry'], sub: SECRET_DOCKER_REGISTRY },
      generic: { names: ['generic'], sub: SECRET_GENERIC },
      tls: { names: ['tls'], sub: SECRET_TLS },
    },
  },
  service: {
    names: ['service', 'svc'],
    help: SERVICE_HELP,
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
