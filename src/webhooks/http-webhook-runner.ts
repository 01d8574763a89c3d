import { getProxyForUrl } from 'proxy-from-env';
import type { Canary, CanaryWebhook } from '../apis/index.js';
import type { Clock } from '../platform/clock.js';
import { parseGoDuration } from '../platform/go-duration.js';
import type { Logger } from '../platform/logger.js';
import { type HttpAnswer, HttpPostError, postJson, redactUrl } from './http-post.js';
import { type AttemptOutcome, retryWaitMs, shouldRetry } from './retry-policy.js';
import { webhookPayload } from './webhook-payload.js';
import type { HookResult, WebhookRunner } from './webhook-runner.js';

/** What {@link HttpWebhookRunner} needs from outside. */
export interface HttpWebhookRunnerOptions {
  /** Waits between retries; tests pass one that returns at once. */
  sleep: (ms: number) => Promise<void>;
  /** Reads "now" for HTTP-date `Retry-After` values. */
  clock: Clock;
  /** Receives a debug line per retry. */
  logger?: Logger;
}

/** Per-attempt timeout when a hook sets none (Flagger's). */
export const DefaultWebhookTimeoutMs = 10_000;

/**
 * Calls webhooks over HTTP as Flagger does: POST of {@link webhookPayload}, per-attempt timeout
 * (`hook.timeout`, else 10 s), `hook.retries` retries under go-retryablehttp's default policy, `disableTLS`
 * skipping certificate checks. Any 2xx passes (Flagger: only ≤ 202). A failure's message is the answer's
 * body; after retries it also says how many attempts were made and what the last one got.
 */
export class HttpWebhookRunner implements WebhookRunner {
  constructor(private readonly options: HttpWebhookRunnerOptions) {}

  async call(canary: Canary, hook: CanaryWebhook, phase: string): Promise<HookResult> {
    const timeoutMs = hookTimeoutMs(hook);
    if (typeof timeoutMs === 'string') return { name: hook.name, ok: false, message: timeoutMs };
    const body = JSON.stringify(webhookPayload(canary, phase, hook.metadata));
    const retries = Math.max(0, Math.floor(hook.retries ?? 0));
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(hook, body, timeoutMs);
      if (!shouldRetry(outcome)) return result(hook, outcome);
      if (attempt > retries) return exhausted(hook, outcome, attempt, retries);
      const wait = retryWaitMs(attempt - 1, outcome, this.options.clock.now().getTime());
      this.options.logger?.debug(`retrying webhook ${hook.name} in ${wait}ms`, {
        webhook: hook.name,
        attempt,
        last: describe(outcome),
      });
      await this.options.sleep(wait);
    }
  }

  private async attempt(hook: CanaryWebhook, body: string, timeoutMs: number): Promise<AttemptOutcome> {
    try {
      // Like Go's default transport (Flagger's), HTTP_PROXY / HTTPS_PROXY / NO_PROXY apply to webhooks:
      // in the playground that is how `http://flagger-loadtester.test/` reaches the load tester.
      const proxy = getProxyForUrl(hook.url);
      const answer = await postJson({
        url: hook.url,
        body,
        timeoutMs,
        ...(proxy ? { proxy } : {}),
        ...(hook.disableTLS ? { insecureSkipVerify: true } : {}),
      });
      return { answer };
    } catch (error) {
      return { error };
    }
  }
}

/** `hook.timeout` in milliseconds (10 s when unset, shorter than 2 characters, or zero); a message when invalid. */
export function hookTimeoutMs(hook: CanaryWebhook): number | string {
  const text = hook.timeout ?? '';
  if (text.length < 2) return DefaultWebhookTimeoutMs;
  const ms = parseGoDuration(text);
  if (ms === undefined) return `invalid timeout ${JSON.stringify(text)} of webhook ${hook.name}`;
  return ms > 0 ? ms : DefaultWebhookTimeoutMs;
}

function isSuccess(answer: HttpAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

function answerText(answer: HttpAnswer): string {
  const body = answer.body.trim();
  return body || `${answer.status} ${answer.statusText}`.trim();
}

function describe(outcome: AttemptOutcome): string {
  if ('answer' in outcome) return `${outcome.answer.status}: ${answerText(outcome.answer)}`;
  return outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
}

function result(hook: CanaryWebhook, outcome: AttemptOutcome): HookResult {
  if ('answer' in outcome) {
    const ok = isSuccess(outcome.answer);
    return { name: hook.name, ok, message: ok ? outcome.answer.body.trim() : answerText(outcome.answer) };
  }
  return { name: hook.name, ok: false, message: describe(outcome) };
}

function exhausted(
  hook: CanaryWebhook,
  outcome: AttemptOutcome,
  attempts: number,
  retries: number,
): HookResult {
  // Without retries a failure reads like any other: the body, or the reason there was none.
  if (retries === 0) return result(hook, outcome);
  const last =
    'answer' in outcome
      ? `last answer ${outcome.answer.status}: ${answerText(outcome.answer)}`
      : outcome.error instanceof HttpPostError
        ? outcome.error.message
        : describe(outcome);
  return {
    name: hook.name,
    ok: false,
    message: `POST ${redactUrl(hook.url)} giving up after ${attempts} attempt(s): ${last}`,
  };
}
