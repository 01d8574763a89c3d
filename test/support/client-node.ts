import {
  ApiException,
  AppsV1Api,
  type ConfigurationOptions,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  type PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';

/** The typed and generic client-node APIs, bound to one kubeconfig. */
export interface ClientNode {
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  custom: CustomObjectsApi;
}

/** Loads `kubeconfig` and builds the APIs the tests use. */
export function clientNode(kubeconfig: string): ClientNode {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
  };
}

/** Call options that send a patch with the given content type (client-node defaults to JSON patch). */
export function patchAs(strategy: PatchStrategy): ConfigurationOptions {
  return setHeaderOptions('Content-Type', strategy);
}

/** A failed call's HTTP code and `kind: Status` body. */
export interface FailedCall {
  code: number;
  status: { kind?: string; reason?: string; code?: number; message?: string };
}

/** Awaits a call that must fail with an ApiException; returns its code and parsed Status body. */
export async function failure(call: Promise<unknown>): Promise<FailedCall> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    const body: unknown = error.body;
    const status = typeof body === 'string' && body.startsWith('{') ? JSON.parse(body) : {};
    return { code: error.code, status };
  }
  throw new Error('the call succeeded; expected it to fail');
}
