import type { IncomingMessage, ServerResponse } from 'node:http';
import { listObjects } from '../lifecycle/listing.js';
import { PatchType, patchResource } from '../lifecycle/patching.js';
import type { DeleteOptions } from '../lifecycle/write-options.js';
import { ApiError, badRequest, methodNotAllowed } from '../model/api-error.js';
import { isJsonObject, type KubeObject } from '../model/object.js';
import type { ResourceType } from '../resources/resource-type.js';
import type { ApiContext } from './api-context.js';
import { contentTypeOf, parseBody, readBody } from './body.js';
import { negotiateRendering } from './negotiation.js';
import { parseResourceQuery, type ResourceQuery } from './query.js';
import { renderList, renderObject } from './render.js';
import type { ResourceRequest } from './request-info.js';
import { sendJson, sendJsonPieces } from './respond.js';
import { selectionFilter } from './selection.js';
import { listJsonPieces } from './served-json.js';
import { startWatch } from './watch-handler.js';

function notServed(): ApiError {
  return new ApiError('NotFound', 'the server could not find the requested resource', {});
}

const patchTypes = new Set<string>(Object.values(PatchType));

/** Serves one resource request (CRUD, list, watch, status and scale subresources). */
export async function handleResource(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  request: ResourceRequest,
  params: URLSearchParams,
): Promise<void> {
  const type = ctx.registry.lookup(request.group, request.version, request.resource);
  if (!type) throw notServed();
  if (!type.namespaced && request.namespace) throw notServed();
  // Create-only kinds (access reviews) answer other verbs with 405, as the real server does.
  if (!request.subresource && !(type.verbs as readonly string[]).includes(request.verb))
    throw methodNotAllowed('the server does not allow this method on the requested resource');
  const query = parseResourceQuery(params);
  const rendering = negotiateRendering(req.headers.accept);
  const now = ctx.clock.now();
  const ns = request.namespace;
  const warnings: string[] = [];
  const write = {
    dryRun: query.dryRun,
    warnings,
    ...(query.fieldValidation ? { fieldValidation: query.fieldValidation } : {}),
  };

  if (request.subresource) {
    await handleSubresource(ctx, req, res, type, request, query, write);
    return;
  }
  // Namespaced objects are only addressed inside a namespace; lists and watches may span all.
  if (type.namespaced && !ns && !['list', 'watch', 'deletecollection'].includes(request.verb))
    throw notServed();
  switch (request.verb) {
    case 'get': {
      const object = ctx.resources.get(type, ns, request.name);
      sendJson(res, 200, renderObject(type, object, rendering, query, now));
      return;
    }
    case 'list': {
      const page = listObjects(ctx.store, type, ns || undefined, {
        filter: selectionFilter(type, query),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
        ...(query.continueToken ? { continueToken: query.continueToken } : {}),
      });
      if (rendering.kind === 'object') sendJsonPieces(res, 200, listJsonPieces(type, page, query, now));
      else sendJson(res, 200, renderList(type, page, rendering, query, now));
      return;
    }
    case 'watch':
      startWatch(ctx, res, {
        type,
        namespace: ns,
        filter: selectionFilter(type, query, request.name || undefined),
        query,
        rendering,
      });
      return;
    case 'create': {
      const body = parseBody(contentTypeOf(req), await readBody(req));
      const object = ctx.resources.create(type, ns, body, write);
      sendJson(res, 201, object, warnings);
      return;
    }
    case 'update': {
      const body = parseBody(contentTypeOf(req), await readBody(req));
      sendJson(res, 200, ctx.resources.update(type, ns, request.name, body, write), warnings);
      return;
    }
    case 'patch': {
      const patchType = contentTypeOf(req);
      if (!patchTypes.has(patchType)) {
        throw new ApiError(
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: ${[...patchTypes].join(', ')}`,
        );
      }
      const patch = parseBody(patchType, await readBody(req));
      const result = patchResource(ctx.resources, type, ns, request.name, patchType as PatchType, patch, {
        ...write,
        ...(query.fieldManager ? { fieldManager: query.fieldManager } : {}),
      });
      sendJson(res, result.created ? 201 : 200, result.object, warnings);
      return;
    }
    case 'delete': {
      const options = await deleteOptions(req, query);
      const result = ctx.deletion.delete(type, ns, request.name, options);
      sendJson(
        res,
        200,
        result.pending || returnsObjectOnDelete(type) ? result.object : successStatus(type, result.object),
      );
      return;
    }
    case 'deletecollection': {
      const options = await deleteOptions(req, query);
      const page = listObjects(ctx.store, type, ns || undefined, { filter: selectionFilter(type, query) });
      const items: KubeObject[] = [];
      for (const object of page.items) {
        items.push(
          ctx.deletion.delete(type, object.metadata.namespace ?? '', object.metadata.name ?? '', options)
            .object,
        );
      }
      sendJson(
        res,
        200,
        renderList(
          type,
          { items, resourceVersion: String(ctx.store.resourceVersion) },
          { kind: 'object' },
          query,
          now,
        ),
      );
      return;
    }
  }
}

async function handleSubresource(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  request: ResourceRequest,
  query: ResourceQuery,
  write: { dryRun: boolean; warnings: string[] },
): Promise<void> {
  const { namespace: ns, name, subresource, verb } = request;
  if (subresource === 'status' && type.subresources.status) {
    if (verb === 'get') return sendJson(res, 200, ctx.resources.get(type, ns, name));
    if (verb === 'update') {
      const body = parseBody(contentTypeOf(req), await readBody(req));
      return sendJson(
        res,
        200,
        ctx.resources.update(type, ns, name, body, { ...write, subresource: 'status' }),
      );
    }
    if (verb === 'patch') {
      const patchType = contentTypeOf(req);
      if (!patchTypes.has(patchType))
        throw new ApiError('UnsupportedMediaType', `unsupported patch type ${patchType}`);
      const patch = parseBody(patchType, await readBody(req));
      const result = patchResource(ctx.resources, type, ns, name, patchType as PatchType, patch, {
        ...write,
        subresource: 'status',
        ...(query.fieldManager ? { fieldManager: query.fieldManager } : {}),
      });
      return sendJson(res, 200, result.object);
    }
    throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
  const scale = type.subresources.scale;
  if (subresource === 'scale' && scale) {
    if (verb === 'get') return sendJson(res, 200, ctx.scale.get(type, scale, ns, name));
    if (verb === 'update') {
      const body = parseBody(contentTypeOf(req), await readBody(req));
      return sendJson(res, 200, ctx.scale.update(type, scale, ns, name, body, write));
    }
    if (verb === 'patch') {
      const patchType = contentTypeOf(req);
      if (!patchTypes.has(patchType))
        throw new ApiError('UnsupportedMediaType', `unsupported patch type ${patchType}`);
      const patch = parseBody(patchType, await readBody(req));
      return sendJson(res, 200, ctx.scale.patch(type, scale, ns, name, patchType as PatchType, patch, write));
    }
    throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
  if (subresource === 'finalize' && type.kind === 'Namespace' && verb === 'update') {
    const body = parseBody(contentTypeOf(req), await readBody(req));
    const current = ctx.resources.get(type, '', name);
    const spec = isJsonObject(body) && isJsonObject(body.spec) ? body.spec : {};
    return sendJson(res, 200, ctx.resources.updateNamespaceFinalizers(current, spec.finalizers));
  }
  throw notServed();
}

async function deleteOptions(req: IncomingMessage, query: ResourceQuery): Promise<DeleteOptions> {
  const raw = await readBody(req);
  const options: DeleteOptions = { dryRun: query.dryRun };
  if (query.propagationPolicy) options.propagationPolicy = query.propagationPolicy;
  if (raw.length === 0) return options;
  const body = parseBody(contentTypeOf(req), raw);
  if (!isJsonObject(body)) throw badRequest('DeleteOptions must be a JSON object');
  if (typeof body.propagationPolicy === 'string')
    options.propagationPolicy = body.propagationPolicy as DeleteOptions['propagationPolicy'];
  else if (body.orphanDependents === true) options.propagationPolicy = 'Orphan';
  if (Array.isArray(body.dryRun) && body.dryRun.includes('All')) options.dryRun = true;
  if (isJsonObject(body.preconditions)) {
    const pre: NonNullable<DeleteOptions['preconditions']> = {};
    if (typeof body.preconditions.uid === 'string') pre.uid = body.preconditions.uid;
    if (typeof body.preconditions.resourceVersion === 'string')
      pre.resourceVersion = body.preconditions.resourceVersion;
    options.preconditions = pre;
  }
  return options;
}

/** Pods and namespaces answer a delete with the object; other kinds with a Success status. */
function returnsObjectOnDelete(type: ResourceType): boolean {
  return type.group === '' && (type.kind === 'Pod' || type.kind === 'Namespace');
}

function successStatus(type: ResourceType, object: KubeObject): unknown {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: object.metadata.name, group: type.group, kind: type.plural, uid: object.metadata.uid },
  };
}
