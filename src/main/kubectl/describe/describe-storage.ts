/**
 * kubectl describe for storage, laid out like kubectl 1.32: PersistentVolumeClaim (with the pods
 * using it), PersistentVolume (with its source) and StorageClass.
 */
import type { Pod } from '../../../shared/api/core.js';
import type { KubeObject } from '../../../shared/api/meta.js';
import { humanDuration } from '../../base/duration.js';
import { formatLabels } from '../../base/label-selector.js';
import { PODS } from '../../cluster/client/resources.js';
import { type DescribeContext, type Json, accessModesText, arr, boolPtr, goSlice, rec, strs, text, writeObjectEvents } from './describer.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter, writeAnnotations, writeLabels } from './prefix-writer.js';

type Loose = KubeObject & { spec?: Json; status?: Json };

function statusLine(o: Loose, now: number): string {
  const deletion = o.metadata.deletionTimestamp;
  return deletion ? `Terminating (lasts ${humanDuration(now - Date.parse(deletion))})` : text(rec(o.status).phase);
}

/** printPodsMultiline: the pod names, sorted, one per line. */
function writePods(w: PrefixWriter, title: string, names: string[]): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (names.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  [...names].sort().forEach((name, i) => w.write(LEVEL_0, `${i > 0 ? '\t' : ''}${name}\n`));
}

export function describePersistentVolumeClaim(object: KubeObject, ctx: DescribeContext): string {
  const pvc = object as Loose;
  const spec = rec(pvc.spec);
  const status = rec(pvc.status);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `StorageClass:\t${text(spec.storageClassName)}\n`);
  w.write(LEVEL_0, `Status:\t${statusLine(pvc, ctx.now)}\n`);
  w.write(LEVEL_0, `Volume:\t${text(spec.volumeName)}\n`);
  writeLabels(w, 'Labels', pvc.metadata.labels);
  writeAnnotations(w, pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pvc.metadata.finalizers ?? [])}\n`);
  const bound = Boolean(spec.volumeName);
  w.write(LEVEL_0, `Capacity:\t${bound ? text(rec(status.capacity).storage) : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesText(status.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${text(spec.volumeMode)}\n`);
  const source = spec.dataSource ? rec(spec.dataSource) : undefined;
  if (source) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (source.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${text(source.apiGroup)}\n`);
    w.write(LEVEL_1, `Kind:\t${text(source.kind)}\n`);
    w.write(LEVEL_1, `Name:\t${text(source.name)}\n`);
  }
  const pods = ctx.client.list<Pod>(PODS, pvc.metadata.namespace);
  const users = pods.ok
    ? pods.value.items.filter((p) => (p.spec.volumes ?? []).some((v) => rec(v.persistentVolumeClaim).claimName === pvc.metadata.name)).map((p) => p.metadata.name ?? '')
    : [];
  writePods(w, 'Used By', users);
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${text(c.type)} \t${text(c.status)} \t${text(c.lastProbeTime)} \t${text(c.lastTransitionTime)} \t${text(c.reason)} \t${text(c.message)}\n`);
    }
  }
  writeObjectEvents(w, pvc, ctx);
  return w.toString();
}

function writeVolumeSource(w: PrefixWriter, spec: Json): void {
  const hostPath = spec.hostPath ? rec(spec.hostPath) : undefined;
  const nfs = spec.nfs ? rec(spec.nfs) : undefined;
  const local = spec.local ? rec(spec.local) : undefined;
  const csi = spec.csi ? rec(spec.csi) : undefined;
  if (hostPath) w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${text(hostPath.path)}\n    HostPathType:\t${text(hostPath.type)}\n`);
  else if (nfs) w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${text(nfs.server)}\n    Path:\t${text(nfs.path)}\n    ReadOnly:\t${nfs.readOnly === true}\n`);
  else if (local) w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${text(local.path)}\n`);
  else if (csi) {
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${text(csi.driver)}\n    FSType:\t${text(csi.fsType)}\n    VolumeHandle:\t${text(csi.volumeHandle)}\n    ReadOnly:\t${csi.readOnly === true}\n`);
    w.write(LEVEL_2, `VolumeAttributes:\t${formatLabels(rec(csi.volumeAttributes) as Record<string, string>)}\n`);
  }
}

export function describePersistentVolume(object: KubeObject, ctx: DescribeContext): string {
  const pv = object as Loose;
  const spec = rec(pv.spec);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pv.metadata.name ?? ''}\n`);
  writeLabels(w, 'Labels', pv.metadata.labels);
  writeAnnotations(w, pv.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pv.metadata.finalizers ?? [])}\n`);
  w.write(LEVEL_0, `StorageClass:\t${text(spec.storageClassName)}\n`);
  w.write(LEVEL_0, `Status:\t${statusLine(pv, ctx.now)}\n`);
  const claim = spec.claimRef ? rec(spec.claimRef) : undefined;
  w.write(LEVEL_0, `Claim:\t${claim ? `${text(claim.namespace)}/${text(claim.name)}` : ''}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${text(spec.persistentVolumeReclaimPolicy)}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesText(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${text(spec.volumeMode)}\n`);
  w.write(LEVEL_0, `Capacity:\t${text(rec(spec.capacity).storage)}\n`);
  const required = rec(rec(spec.nodeAffinity).required);
  if (!spec.nodeAffinity || !rec(spec.nodeAffinity).required) w.write(LEVEL_0, 'Node Affinity:\t<none>\n');
  else {
    w.write(LEVEL_0, 'Node Affinity:\t\n');
    const terms = arr(required.nodeSelectorTerms);
    w.write(LEVEL_1, `Required Terms:\t${terms.length === 0 ? '<none>' : ''}\n`);
    terms.forEach((term, i) => {
      w.write(LEVEL_2, `Term ${i}:\t`);
      const expressions = arr(term.matchExpressions);
      if (expressions.length === 0) w.write(LEVEL_0, '<none>\n');
      expressions.forEach((e, j) => w.write(LEVEL_0, `${j > 0 ? '\t' : ''}${text(e.key)} ${text(e.operator)}${e.values ? ` [${strs(e.values).join(', ')}]` : ''}\n`));
    });
  }
  w.write(LEVEL_0, `Message:\t${text(rec(pv.status).message)}\n`);
  w.write(LEVEL_0, 'Source:\n');
  writeVolumeSource(w, spec);
  writeObjectEvents(w, pv, ctx);
  return w.toString();
}

export function describeStorageClass(object: KubeObject, ctx: DescribeContext): string {
  const sc = object as KubeObject & Json;
  const annotations = sc.metadata.annotations ?? {};
  const isDefault = annotations['storageclass.kubernetes.io/is-default-class'] === 'true' || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sc.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${text(sc.provisioner)}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(rec(sc.parameters) as Record<string, string>)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${boolPtr(sc.allowVolumeExpansion)}\n`);
  const options = strs(sc.mountOptions);
  if (options.length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const option of options) w.write(LEVEL_1, `${option}\n`);
  }
  if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${text(sc.reclaimPolicy)}\n`);
  if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${text(sc.volumeBindingMode)}\n`);
  const topologies = Array.isArray(sc.allowedTopologies) ? arr(sc.allowedTopologies) : undefined;
  if (topologies) {
    w.write(LEVEL_0, `AllowedTopologies:\t${topologies.length === 0 ? '<none>' : ''}\n`);
    topologies.forEach((term, i) => {
      w.write(LEVEL_1, `Term ${i}:\t`);
      const expressions = arr(term.matchLabelExpressions);
      expressions.forEach((e, j) => w.write(LEVEL_0, `${j > 0 ? '\t' : ''}${text(e.key)} in [${strs(e.values).join(', ')}]\n`));
      if (expressions.length === 0) w.write(LEVEL_0, '<none>\n');
    });
  }
  writeObjectEvents(w, sc, ctx);
  return w.toString();
}
