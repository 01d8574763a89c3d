import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest } from '../model/api-error.js';
import { parseMediaRanges } from './negotiation.js';
import { decodeProtobufObject, protobufMediaType } from './protobuf/decode.js';

/** Largest request body accepted (the real server's default is 3 MiB). */
export const maxBodyBytes = 3 * 1024 * 1024;

/** Reads the whole request body; 413 beyond the limit. */
export async function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit)
      throw new ApiError('RequestEntityTooLarge', `the request body is larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The media type of a request body, without parameters. */
export function contentTypeOf(req: IncomingMessage): string {
  return parseMediaRanges(req.headers['content-type'])[0]?.type ?? 'application/json';
}

/**
 * Parses a body as JSON or YAML by its content type, or Kubernetes protobuf for the kinds Go clients send
 * that way; 415 for other formats.
 */
export function parseBody(contentType: string, raw: Buffer): unknown {
  if (contentType === protobufMediaType) return decodeProtobufObject(raw);
  const text = raw.toString('utf8');
  if (contentType.includes('protobuf')) {
    throw new ApiError(
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  }
  if (contentType.endsWith('yaml')) {
    try {
      return parseYaml(text);
    } catch (error) {
      throw badRequest(`error converting YAML to JSON: ${(error as Error).message}`);
    }
  }
  if (contentType.endsWith('json') || contentType === '*/*' || contentType === '') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
    }
  }
  throw new ApiError(
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
  );
}
