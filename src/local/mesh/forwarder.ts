import { type ClientRequest, type IncomingMessage, request } from 'node:http';
import {
  attemptFailureReply,
  classifyError,
  errorReason,
  planFailureReply,
  sendLocalReply,
} from './envoy-replies.js';
import { type Exchange, type ForwarderDeps, pick, sendBody } from './exchange.js';
import { applyHeaderOps, endToEndHeaders } from './header-edits.js';
import type { ResponseFlag } from './mesh-telemetry.js';
import { sendMirror } from './mirror.js';
import { type AttemptFailure, retriesFailure, retriesStatus } from './retry-policy.js';
import type { Target } from './route-plan.js';
import type { DestinationIdentity, Upstream } from './service-directory.js';

interface Attempt {
  request: ClientRequest;
  destination: DestinationIdentity;
  start: number;
  upstream: Upstream;
}

interface Pending {
  destination: DestinationIdentity;
  status: number;
  flag: ResponseFlag;
  start: number;
}

/** Istio's retry host predicate (`previous_hosts`): a retry goes to a pod not tried yet when there is one. */
function pickAvoiding(deps: ForwarderDeps, target: Target, tried: ReadonlySet<Upstream>): Upstream {
  const count = target.backend!.upstreams.length;
  for (let i = 0; i < count; i++) {
    const upstream = pick(deps, target);
    if (!tried.has(upstream)) return upstream;
  }
  return pick(deps, target);
}

/**
 * Sends a request to a pod of its plan's backend (round-robin), retrying as the route's policy says on
 * other pods, streaming the response back with the route's header edits, and counting every attempt in
 * the telemetry as the destination would (connection failures as Envoy's 503 UF).
 */
export class ProxiedRequest {
  private readonly upstreamHeaders: string[];
  private tries = 0;
  private current: Attempt | undefined;
  private pending: Pending | undefined;
  private streaming: IncomingMessage | undefined;
  private overallTimer: NodeJS.Timeout | undefined;
  private staleRetries = 0;
  private tried: Set<Upstream> | undefined;

  constructor(
    private readonly deps: ForwarderDeps,
    private readonly x: Exchange,
  ) {
    let headers = [...x.headers, 'host', x.plan.authority];
    for (const ops of x.plan.requestOps) headers = applyHeaderOps(headers, ops);
    this.upstreamHeaders = headers;
  }

  /** Starts the first attempt (and the mirror copy); the response ends the exchange. */
  start(): void {
    const { plan, res } = this.x;
    res.once('close', () => this.closed());
    if (plan.mirror) {
      sendMirror({
        deps: this.deps,
        exchange: this.x,
        headers: this.upstreamHeaders,
        target: plan.mirror,
        record: (destination, status, flag, start) => this.record(destination, status, flag, start),
      });
    }
    if (plan.failure || !plan.backend) {
      const reply = planFailureReply(plan.failure ?? 'no-healthy-upstream', plan.detail);
      this.pending = {
        destination: plan.unrouted,
        status: reply.status,
        flag: reply.flag,
        start: this.x.started,
      };
      if (this.x.body.kind === 'stream') this.x.req.resume();
      sendLocalReply(res, reply);
      return;
    }
    if (plan.timeoutMs) this.overallTimer = setTimeout(() => this.timedOut(), plan.timeoutMs);
    this.attempt(pick(this.deps, plan));
  }

  private attempt(upstream: Upstream): void {
    const { plan } = this.x;
    const start = this.deps.now();
    const upstreamRequest = request({
      host: upstream.ip,
      port: upstream.port,
      method: this.x.req.method,
      path: plan.path,
      headers: this.upstreamHeaders,
      agent: this.deps.agent,
    });
    const attempt = { request: upstreamRequest, destination: upstream.destination, start, upstream };
    this.current = attempt;
    let perTry: NodeJS.Timeout | undefined;
    if (plan.retry.perTryTimeoutMs) {
      perTry = setTimeout(
        () => this.failed(attempt, 'timeout', 'per-try timeout'),
        plan.retry.perTryTimeoutMs,
      );
    }
    upstreamRequest.once('response', (response) => {
      clearTimeout(perTry);
      if (this.current !== attempt) return void response.resume();
      this.responded(attempt, response);
    });
    upstreamRequest.on('error', (error) => {
      clearTimeout(perTry);
      if (this.current !== attempt) return;
      const failure = classifyError(error);
      if (failure === 'reset' && upstreamRequest.reusedSocket && this.replayable() && this.staleRetries < 4) {
        // A kept-alive connection the pod closed meanwhile: nothing reached it, try another one.
        this.staleRetries++;
        this.attempt(upstream);
        return;
      }
      this.failed(attempt, failure, errorReason(error));
    });
    sendBody(this.x, upstreamRequest);
  }

  private responded(attempt: Attempt, response: IncomingMessage): void {
    const status = response.statusCode ?? 502;
    if (this.canRetry() && retriesStatus(this.x.plan.retry, status)) {
      response.resume();
      this.settle(attempt, status, '-');
      this.attempt(pickAvoiding(this.deps, this.x.plan, this.tried ?? new Set()));
      return;
    }
    let headers = endToEndHeaders(response.rawHeaders);
    for (const ops of this.x.plan.responseOps) headers = applyHeaderOps(headers, ops);
    this.pending = { destination: attempt.destination, status, flag: '-', start: attempt.start };
    this.current = undefined;
    this.streaming = response;
    this.x.res.writeHead(status, response.statusMessage, headers);
    response.pipe(this.x.res);
    response.on('error', () => this.x.res.destroy());
    response.once('close', () => {
      if (!response.complete) this.x.res.destroy();
    });
  }

  private failed(attempt: Attempt, failure: AttemptFailure, reason: string): void {
    if (this.current !== attempt) return;
    attempt.request.destroy();
    const reply = attemptFailureReply(failure, reason, this.tries > 0);
    const retry = this.canRetry() && retriesFailure(this.x.plan.retry, failure);
    this.settle(attempt, reply.status, reply.flag);
    if (retry) {
      this.attempt(pickAvoiding(this.deps, this.x.plan, this.tried ?? new Set()));
      return;
    }
    this.current = undefined;
    sendLocalReply(this.x.res, reply);
  }

  private timedOut(): void {
    const attempt = this.current;
    const reply = attemptFailureReply('timeout', 'timeout', false);
    if (attempt) {
      attempt.request.destroy();
      this.settle(attempt, reply.status, reply.flag);
    } else {
      this.streaming?.destroy();
    }
    sendLocalReply(this.x.res, reply);
  }

  /** Counts a finished attempt and moves on. */
  private settle(attempt: Attempt, status: number, flag: ResponseFlag): void {
    this.tries++;
    this.tried ??= new Set();
    this.tried.add(attempt.upstream);
    this.current = undefined;
    this.record(attempt.destination, status, flag, attempt.start);
  }

  private closed(): void {
    clearTimeout(this.overallTimer);
    const { res } = this.x;
    const done = res.writableFinished;
    if (this.pending) {
      const { destination, status, flag, start } = this.pending;
      this.record(destination, done ? status : res.headersSent ? status : 0, done ? flag : 'DC', start);
    } else if (this.current) {
      this.record(this.current.destination, 0, 'DC', this.current.start);
    }
    if (!done) {
      this.current?.request.destroy();
      this.streaming?.destroy();
    }
    this.current = undefined;
  }

  private replayable(): boolean {
    return this.x.body.kind !== 'stream';
  }

  private canRetry(): boolean {
    return this.tries < this.x.plan.retry.attempts && this.replayable() && !this.x.res.headersSent;
  }

  private record(destination: DestinationIdentity, status: number, flag: ResponseFlag, start: number): void {
    this.deps.telemetry.record(destination, this.x.caller, status, flag, this.deps.now() - start);
  }
}
