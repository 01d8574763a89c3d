import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from '../discovery/discovery-documents.js';
import { buildOpenApiV3, type OpenApiV3 } from '../discovery/openapi.js';
import type { ResourceRegistry } from '../resources/registry.js';
import type { ResourceType } from '../resources/resource-type.js';
import { negotiateDiscovery } from './negotiation.js';
import { sendJson } from './respond.js';

/** The version the server reports (kubectl's dispatcher picks its binary by the minor). */
export const serverVersion = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0',
  gitCommit: 'weir',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.22.0',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

/** Serves discovery and OpenAPI documents, rebuilt only when the set of resources changes. */
export class DiscoveryHandler {
  private cachedAt = -1;
  private cache = new Map<string, { body: string; etag: string }>();
  private openApi: OpenApiV3 | undefined;

  constructor(
    private readonly registry: ResourceRegistry,
    private readonly serverAddress: () => string,
    private readonly crdSchema: (type: ResourceType) => unknown | undefined,
  ) {}

  /** Answers the request when it is a discovery or OpenAPI path; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (this.cachedAt !== this.registry.version) {
      this.cache = new Map();
      this.openApi = undefined;
      this.cachedAt = this.registry.version;
    }
    const segments = pathname.split('/').filter(Boolean);
    if (pathname === '/version' || pathname === '/version/') {
      sendJson(res, 200, serverVersion);
      return true;
    }
    if (segments[0] === 'openapi') return this.handleOpenApi(req, res, segments);
    if (segments[0] === 'api' && segments.length <= 2) {
      if (segments.length === 1) return this.sendDiscovery(req, res, true);
      const list = apiResourceList(this.registry, '', segments[1] ?? '');
      if (!list) return false;
      return this.sendCached(req, res, pathname, () => list, 'application/json');
    }
    if (segments[0] === 'apis' && segments.length <= 3) {
      if (segments.length === 1) return this.sendDiscovery(req, res, false);
      const group = segments[1] ?? '';
      const doc =
        segments.length === 2
          ? apiGroup(this.registry, group)
          : apiResourceList(this.registry, group, segments[2] ?? '');
      if (!doc) return false;
      return this.sendCached(req, res, pathname, () => doc, 'application/json');
    }
    return false;
  }

  private sendDiscovery(req: IncomingMessage, res: ServerResponse, core: boolean): boolean {
    const format = negotiateDiscovery(req.headers.accept);
    if (format.kind === 'aggregated') {
      const contentType = `application/json;g=apidiscovery.k8s.io;v=${format.version};as=APIGroupDiscoveryList`;
      return this.sendCached(
        req,
        res,
        `${core}:${format.version}`,
        () => aggregatedDiscovery(this.registry, core, format.version),
        contentType,
      );
    }
    return this.sendCached(
      req,
      res,
      `${core}:legacy`,
      () => (core ? apiVersions(this.serverAddress()) : apiGroupList(this.registry)),
      'application/json',
    );
  }

  private sendCached(
    req: IncomingMessage,
    res: ServerResponse,
    key: string,
    build: () => unknown,
    contentType: string,
  ): boolean {
    let entry = this.cache.get(key);
    if (!entry) {
      const body = JSON.stringify(build());
      entry = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
      this.cache.set(key, entry);
    }
    if (req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, { ETag: entry.etag, Vary: 'Accept' });
      res.end();
      return true;
    }
    res.writeHead(200, {
      'Content-Type': contentType,
      'Cache-Control': 'no-cache, private',
      ETag: entry.etag,
      Vary: 'Accept',
      'Content-Length': String(Buffer.byteLength(entry.body)),
    });
    res.end(req.method === 'HEAD' ? undefined : entry.body);
    return true;
  }

  private handleOpenApi(req: IncomingMessage, res: ServerResponse, segments: string[]): boolean {
    if (segments[1] === 'v2') {
      // kubectl asks for protobuf; an empty protobuf message is a valid empty document.
      if ((req.headers.accept ?? '').includes('protobuf')) {
        res.writeHead(200, {
          'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
          'Content-Length': '0',
        });
        res.end();
      } else {
        sendJson(res, 200, {
          swagger: '2.0',
          info: { title: 'Kubernetes', version: serverVersion.gitVersion },
          paths: {},
          definitions: {},
        });
      }
      return true;
    }
    if (segments[1] !== 'v3') return false;
    this.openApi ??= buildOpenApiV3(this.registry, this.crdSchema);
    if (segments.length === 2) {
      sendJson(res, 200, this.openApi.index);
      return true;
    }
    const doc = this.openApi.documents.get(segments.slice(2).join('/'));
    if (!doc) return false;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'public, immutable',
      ETag: `"${doc.hash}"`,
      'Content-Length': String(Buffer.byteLength(doc.json)),
    });
    res.end(req.method === 'HEAD' ? undefined : doc.json);
    return true;
  }
}
