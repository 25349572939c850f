/** certificates.k8s.io/v1 CertificateSigningRequest. */
import type { KubeObject } from './meta.js';

export interface CertificateSigningRequestCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface CertificateSigningRequest extends KubeObject {
  spec: {
    /** base64 of the PEM-encoded PKCS#10 request (a []byte in Go). */
    request: string;
    signerName: string;
    expirationSeconds?: number;
    usages?: string[];
    username?: string;
    uid?: string;
    groups?: string[];
    extra?: Record<string, string[]>;
  };
  status?: {
    conditions?: CertificateSigningRequestCondition[];
    /** base64 of the issued PEM certificate chain. */
    certificate?: string;
  };
}
