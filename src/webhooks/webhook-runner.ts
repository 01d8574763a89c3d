import type { Canary, CanaryWebhook } from '../apis/index.js';

/** The answer of one webhook call. */
export interface HookResult {
  name: string;
  /** 2xx answer (Weir counts any 2xx; Flagger only ≤ 202, §9.3 #10). */
  ok: boolean;
  /** The response body or the error, for events (`... failed <message>`). */
  message: string;
}

/** Calls webhooks with Flagger's payload, timeout and retry semantics. */
export interface WebhookRunner {
  /** POSTs the payload for `phase` to one webhook. */
  call(canary: Canary, hook: CanaryWebhook, phase: string): Promise<HookResult>;
}
