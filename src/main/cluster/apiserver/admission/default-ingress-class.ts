/**
 * DefaultIngressClass (plugin/pkg/admission/network/defaultingressclass): a new Ingress naming no
 * class — no `spec.ingressClassName`, no `kubernetes.io/ingress.class` annotation — gets the
 * IngressClass annotated as default; with several defaults the newest wins, as in 1.32.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { AdmissionPlugin } from './admission.js';
import { isResource, newestFirst } from './forbid.js';

export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

interface Ingress extends KubeObject {
  spec?: { ingressClassName?: string | null };
}

export const defaultIngressClass: AdmissionPlugin = {
  name: 'DefaultIngressClass',
  admit(attributes, ctx) {
    if (attributes.operation !== 'CREATE' || attributes.subresource || !isResource(attributes, 'networking.k8s.io', 'ingresses')) return undefined;
    const ingress = attributes.object as Ingress | undefined;
    if (!ingress) return undefined;
    const spec = (ingress.spec ??= {});
    if ((spec.ingressClassName !== undefined && spec.ingressClassName !== null) || ingress.metadata.annotations?.[INGRESS_CLASS_ANNOTATION] !== undefined) return undefined;
    const defaults = ctx
      .list('networking.k8s.io', 'ingressclasses')
      .filter((c) => c.metadata.annotations?.[DEFAULT_INGRESS_CLASS_ANNOTATION] === 'true')
      .sort(newestFirst);
    const chosen = defaults[0]?.metadata.name;
    if (chosen) spec.ingressClassName = chosen;
    return undefined;
  },
};
