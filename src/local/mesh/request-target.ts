import { type Authority, parseAuthority } from './host-names.js';

/** Where a proxied request is addressed. */
export interface RequestTarget {
  /** `absolute` when the client used the mesh as a forward proxy (`GET http://host/path`). */
  form: 'absolute' | 'origin';
  /** The authority as the client wrote it (`podinfo.test:9898`). */
  authority: string;
  host: Authority;
  /** Path and query, as sent upstream. */
  rawPath: string;
  /** Path without the query. */
  path: string;
  /** Query without `?`. */
  query: string;
}

/**
 * Reads the target of a request: an absolute-form URI (`http://host[:port]/path?query`) or an
 * origin-form path with the Host header; undefined when neither names a host.
 */
export function requestTarget(url: string, hostHeader: string | undefined): RequestTarget | undefined {
  let form: RequestTarget['form'] = 'origin';
  let authority = hostHeader ?? '';
  let rawPath = url;
  if (url.length > 7 && url.charCodeAt(0) !== 47 /* '/' */) {
    const scheme = url.slice(0, 7).toLowerCase();
    if (scheme !== 'http://') return undefined;
    const rest = url.slice(7);
    let end = rest.length;
    for (const stop of ['/', '?', '#']) {
      const at = rest.indexOf(stop);
      if (at >= 0 && at < end) end = at;
    }
    form = 'absolute';
    authority = rest.slice(0, end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) authority = authority.slice(at + 1);
    rawPath = rest.slice(end);
    if (rawPath === '' || rawPath.startsWith('#')) rawPath = '/';
    else if (rawPath.startsWith('?')) rawPath = `/${rawPath}`;
  }
  const hash = rawPath.indexOf('#');
  if (hash >= 0) rawPath = rawPath.slice(0, hash);
  const host = parseAuthority(authority, 80);
  if (!host) return undefined;
  const question = rawPath.indexOf('?');
  return {
    form,
    authority,
    host,
    rawPath,
    path: question < 0 ? rawPath : rawPath.slice(0, question),
    query: question < 0 ? '' : rawPath.slice(question + 1),
  };
}
