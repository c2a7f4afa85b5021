/**
 * HTTP and LLM requests the engine asked for, performed after the commit; each result comes
 * back through the conversation's inbox as an engine event (deduped by request id, so a
 * reprocessed item cannot deliver two answers). A request lost with its process is run again
 * from its persisted deadline (job-recovery.ts).
 */
import { cutAtGrapheme, type EngineEvent } from '@parley/flow';
import { LlmClient } from '@parley/nlu';
import type { RuntimeContext } from '../platform/context';
import { WEBHOOK_DEDUPE_TTL_SEC } from '../platform/context';
import type { ConversationId } from '../conversation';
import type { Job } from './effects';
import { BlockedAddressError } from './flow-fetch';
import { parseConversationId } from '../conversation';
import type { SimulatorEvent } from '../simulator/hub';

/** fetch wraps connection errors ("fetch failed"): the cause says what went wrong. */
function errorText(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return err instanceof Error ? err.message : String(err);
}

const MAX_BODY_CHARS = 256 * 1024;

export async function runJob(ctx: RuntimeContext, conv: ConversationId, job: Job): Promise<void> {
  const event = job.type === 'http' ? await runHttp(ctx, job) : await runLlmStep(ctx, job);
  // Published before the result is queued, so the preview shows it ahead of the replies it causes.
  const simulated = simulatorResult(conv, job, event);
  if (simulated) ctx.simulator.publish(simulated.sessionId, simulated.event);
  await ctx.stores.inbox.append(
    conv,
    { kind: 'engine', event, receivedAt: ctx.now() },
    { key: `job:${conv}:${job.requestId}`, ttlSec: WEBHOOK_DEDUPE_TTL_SEC },
  );
}

async function runHttp(ctx: RuntimeContext, job: Extract<Job, { type: 'http' }>): Promise<EngineEvent> {
  const { request } = job;
  let lastError = 'no attempt made';
  for (let attempt = 0; attempt <= Math.min(request.retries, 5); attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 1)));
    try {
      const res = await ctx.flowFetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      // Cut between graphemes: a cut inside an emoji would hand the flow a lone surrogate.
      const text = cutAtGrapheme(await res.text(), MAX_BODY_CHARS);
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: the engine gets the text.
      }
      if (res.status >= 500 && attempt < request.retries) {
        lastError = `HTTP ${res.status}`;
        continue;
      }
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        headers[k] = v;
      });
      return { type: 'http.done', requestId: job.requestId, status: res.status, body, headers };
    } catch (err) {
      lastError = errorText(err);
      // A refused address will not become public on a retry.
      if (err instanceof BlockedAddressError || (err as { cause?: unknown }).cause instanceof BlockedAddressError) {
        ctx.log.warn({ nodeId: job.nodeId, url: request.url.split('?')[0], reason: lastError }, 'flow http request refused');
        break;
      }
    }
  }
  return { type: 'http.failed', requestId: job.requestId, error: lastError };
}

/**
 * One LLM client per runtime (the nlu package's, with its timeout, concurrency cap and circuit
 * breaker): after repeated failures a flow's llm steps fail fast instead of each waiting out
 * the timeout. Keyed by context so tests with their own contexts do not share a breaker.
 */
const llmClients = new WeakMap<RuntimeContext, LlmClient>();
/** As many calls at once as the worker runs conversations by default: a step waits for a slot at most its timeout. */
const LLM_JOB_CONCURRENCY = 16;

function llmClientFor(ctx: RuntimeContext, cfg: NonNullable<RuntimeContext['config']['llm']>): LlmClient {
  let client = llmClients.get(ctx);
  if (!client) {
    client = new LlmClient({
      baseUrl: cfg.baseUrl,
      model: cfg.model,
      timeoutMs: cfg.timeoutMs,
      maxConcurrent: LLM_JOB_CONCURRENCY,
      // Late-bound: a test may swap ctx.fetch after the first call.
      fetch: (input, init) => ctx.fetch(input, init),
      ...(cfg.apiKey ? { apiKey: cfg.apiKey } : {}),
    });
    llmClients.set(ctx, client);
  }
  return client;
}

async function runLlmStep(ctx: RuntimeContext, job: Extract<Job, { type: 'llm' }>): Promise<EngineEvent> {
  const cfg = ctx.config.llm;
  if (!cfg) return { type: 'llm.failed', requestId: job.requestId, error: 'no LLM endpoint is configured' };
  const outcome = await llmClientFor(ctx, cfg).complete([
    { role: 'system', content: JSON.stringify(job.context) },
    { role: 'user', content: job.prompt },
  ]);
  return outcome.status === 'ok'
    ? { type: 'llm.done', requestId: job.requestId, text: outcome.text }
    : { type: 'llm.failed', requestId: job.requestId, error: outcome.reason };
}

/**
 * In the studio preview, what a request was and what the flow got back: the preview shows a
 * failure's reason, and "save as test" records it as the test's mock so the test replays it.
 */
function simulatorResult(conv: ConversationId, job: Job, event: EngineEvent): { sessionId: string; event: SimulatorEvent } | null {
  const { channel, contactId } = parseConversationId(conv);
  if (channel !== 'simulator') return null;
  const base = { requestId: job.requestId, nodeId: job.nodeId };
  if (job.type === 'http') {
    const request = { method: job.request.method, url: job.request.url };
    if (event.type === 'http.done')
      return {
        sessionId: contactId,
        event: { type: 'http', ...base, request, result: { status: event.status, body: event.body, headers: event.headers ?? {} } },
      };
    if (event.type === 'http.failed')
      return { sessionId: contactId, event: { type: 'http', ...base, request, result: { error: event.error } } };
    return null;
  }
  if (event.type === 'llm.done')
    return { sessionId: contactId, event: { type: 'llm', ...base, prompt: job.prompt, result: { text: event.text } } };
  if (event.type === 'llm.failed')
    return { sessionId: contactId, event: { type: 'llm', ...base, prompt: job.prompt, result: { error: event.error } } };
  return null;
}
