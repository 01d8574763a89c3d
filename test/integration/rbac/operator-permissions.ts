import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { AccessRecord } from '../../../src/local/apiserver/auth/access-control.js';
import { packageRoot } from '../../../src/platform/tools.js';

/** `deploy/rbac/rbac.yaml` and its namespaced variant. */
export const rbacManifest = join(packageRoot(), 'deploy', 'rbac', 'rbac.yaml');
export const namespacedRbacManifest = join(packageRoot(), 'deploy', 'rbac', 'rbac-namespaced.yaml');

/** A manifest document, as far as these tests read it. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: {
    apiGroups?: string[];
    resources?: string[];
    verbs?: string[];
    resourceNames?: string[];
    nonResourceURLs?: string[];
  }[];
  roleRef?: { apiGroup: string; kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}

/** The documents of a manifest file. */
export function manifests(file = rbacManifest): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJSON() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

/** `<group>/<resource>[/<subresource>]:<verb>` (`core` for the core group): one permission. */
export function permission(group: string, resource: string, verb: string): string {
  return `${group || 'core'}/${resource}:${verb}`;
}

/** Every permission the rules of a role grant (they name no `*`: the allow-list test makes sure). */
export function granted(role: Manifest): Set<string> {
  const out = new Set<string>();
  for (const rule of role.rules ?? [])
    for (const group of rule.apiGroups ?? [])
      for (const resource of rule.resources ?? [])
        for (const verb of rule.verbs ?? []) out.add(permission(group, resource, verb));
  return out;
}

/** The permission an authorization decision asked for (undefined for non-resource paths). */
export function asked(record: AccessRecord): string | undefined {
  const a = record.attributes;
  if (!a.resourceRequest) return undefined;
  return permission(a.apiGroup, a.subresource ? `${a.resource}/${a.subresource}` : a.resource, a.verb);
}

/**
 * Weir's operator permissions: what each is for. The ClusterRole must grant exactly these (the Role for
 * leader election exactly the lease ones); `exercised: false` marks those the end-to-end run cannot reach,
 * with the code path that needs them.
 */
export const operatorPermissions: Record<string, { why: string; exercised?: false }> = {
  'flagger.app/canaries:list': { why: 'informer; startOperator checks the CRD is installed' },
  'flagger.app/canaries:watch': { why: 'informer' },
  'flagger.app/canaries:get': { why: 're-read after a conflicting status or finalizer write' },
  'flagger.app/canaries:update': { why: 'adds and removes finalizer.flagger.app (revertOnDeletion)' },
  'flagger.app/canaries/status:update': { why: 'the one status write of each tick' },
  'flagger.app/canaries/finalizers:update': {
    why: 'blockOwnerDeletion owner references to a Canary, under the OwnerReferencesPermissionEnforcement admission plugin (OpenShift), which the local server does not run',
    exercised: false,
  },
  'flagger.app/metrictemplates:list': { why: 'informer' },
  'flagger.app/metrictemplates:watch': { why: 'informer' },
  'flagger.app/alertproviders:list': { why: 'informer' },
  'flagger.app/alertproviders:watch': { why: 'informer' },
  'flagger.app/alertproviders:get': { why: 'AlertRouter reads a provider the cache does not hold' },
  'apps/deployments:list': { why: 'informer' },
  'apps/deployments:watch': { why: 'informer' },
  'apps/deployments:get': { why: 'DeploymentTarget re-reads the primary after a conflicting promotion' },
  'apps/deployments:create': { why: 'the <target>-primary Deployment' },
  'apps/deployments:update': { why: 'promotion copies the target into the primary' },
  'apps/deployments:patch': { why: 'scales the target (merge patch of spec.replicas)' },
  'apps/daemonsets:list': { why: 'informer' },
  'apps/daemonsets:watch': { why: 'informer' },
  'apps/daemonsets:get': { why: 'DaemonSetTarget re-reads the primary after a conflict', exercised: false },
  'apps/daemonsets:create': { why: 'DaemonSetTarget: the <target>-primary DaemonSet', exercised: false },
  'apps/daemonsets:update': { why: 'DaemonSetTarget: promotion', exercised: false },
  'apps/daemonsets:patch': { why: 'DaemonSetTarget: scaling to zero by node selector', exercised: false },
  'autoscaling/horizontalpodautoscalers:list': { why: 'informer' },
  'autoscaling/horizontalpodautoscalers:watch': { why: 'informer' },
  'autoscaling/horizontalpodautoscalers:get': {
    why: 'HpaReconciler re-reads <hpa>-primary after a conflict',
  },
  'autoscaling/horizontalpodautoscalers:create': { why: 'the <hpa>-primary HPA' },
  'autoscaling/horizontalpodautoscalers:update': { why: 'promotion copies the HPA spec into <hpa>-primary' },
  'keda.sh/scaledobjects:get': {
    why: 'DeploymentTarget.resumeScaler reads a ScaledObject autoscalerRef when the Canary is finalized',
    exercised: false,
  },
  'keda.sh/scaledobjects:patch': {
    why: 'DeploymentTarget.resumeScaler removes its paused-replicas annotation',
    exercised: false,
  },
  'core/services:list': { why: 'informer' },
  'core/services:watch': { why: 'informer' },
  'core/services:get': { why: 're-read after a conflicting Service write' },
  'core/services:create': { why: 'the generated <apex>, <apex>-primary and <apex>-canary Services' },
  'core/services:update': { why: 'reconciling the generated Services; restoring the apex on finalize' },
  'core/configmaps:list': { why: 'informer (config tracking)' },
  'core/configmaps:watch': { why: 'informer (config tracking)' },
  'core/configmaps:get': { why: 'ConfigTracker re-reads a <name>-primary copy after a conflict' },
  'core/configmaps:create': { why: 'ConfigTracker: the <name>-primary copy of a tracked ConfigMap' },
  'core/configmaps:update': { why: 'ConfigTracker: promotion refreshes the copy' },
  'core/secrets:list': { why: 'informer (MetricTemplate/AlertProvider secretRefs, config tracking)' },
  'core/secrets:watch': { why: 'informer' },
  'core/secrets:get': { why: 'AlertRouter reads a secretRef the cache does not hold' },
  'core/secrets:create': { why: 'ConfigTracker: the <name>-primary copy of a tracked Secret' },
  'core/secrets:update': { why: 'ConfigTracker: promotion refreshes the copy' },
  'core/events:create': { why: 'Kubernetes Events of the canary' },
  'core/events:patch': { why: 'a repeated Event: count and lastTimestamp' },
  'networking.istio.io/virtualservices:list': { why: 'informer' },
  'networking.istio.io/virtualservices:watch': { why: 'informer' },
  'networking.istio.io/virtualservices:get': { why: 're-read after a conflicting write' },
  'networking.istio.io/virtualservices:create': { why: 'IstioRouter: the apex VirtualService' },
  'networking.istio.io/virtualservices:update': { why: 'IstioRouter: weights' },
  'networking.istio.io/destinationrules:list': { why: 'informer' },
  'networking.istio.io/destinationrules:watch': { why: 'informer' },
  'networking.istio.io/destinationrules:get': { why: 're-read after a conflicting write' },
  'networking.istio.io/destinationrules:create': { why: 'IstioRouter: <apex>-primary and <apex>-canary' },
  'networking.istio.io/destinationrules:update': { why: 'IstioRouter: reconciling the traffic policy' },
  'split.smi-spec.io/trafficsplits:list': { why: 'informer (SMI providers)' },
  'split.smi-spec.io/trafficsplits:watch': { why: 'informer (SMI providers)' },
  'split.smi-spec.io/trafficsplits:get': { why: 're-read after a conflicting write' },
  'split.smi-spec.io/trafficsplits:create': { why: 'SmiRouter: the apex TrafficSplit' },
  'split.smi-spec.io/trafficsplits:update': { why: 'SmiRouter: weights' },
};

/** The leader-election permissions, granted by a Role in the operator's namespace. */
export const leaderElectionPermissions: Record<string, { why: string }> = {
  'coordination.k8s.io/leases:get': { why: 'LeaderElector reads the Lease' },
  'coordination.k8s.io/leases:create': { why: 'LeaderElector creates the Lease the first time' },
  'coordination.k8s.io/leases:update': { why: 'LeaderElector acquires, renews and releases it' },
};
