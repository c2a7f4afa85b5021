/**
 * Tier 4: an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama) asked to
 * pick one of the candidate intents, with structured JSON output. `LlmClient` is the one
 * HTTP client for such endpoints (timeout, concurrency cap, circuit breaker), shared by the
 * classifier here and the runtime's flow `llm` steps; `fetch` is injected so the package stays pure.
 */
import { LruCache } from '../understand/lru';
import { CircuitBreaker, Semaphore } from './breaker';
import { buildRequest, parseAnswer, type LlmCandidate } from './prompt';

/** Where and how to call the endpoint. */
export interface LlmEndpoint {
  /** e.g. "https://api.openai.com/v1", "http://localhost:11434/v1" (the path /chat/completions is appended). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxConcurrent?: number;
  breaker?: { failureThreshold?: number; resetMs?: number };
  /** Clock for the breaker (tests). */
  now?: () => number;
}

export interface LlmConfig extends LlmEndpoint {
  cacheSize?: number;
  /** "json_schema" (OpenAI, vLLM) or "json_object" (older servers, Ollama). */
  responseFormat?: 'json_schema' | 'json_object';
  /** Answers below this are treated as "none of them". */
  minConfidence?: number;
}

export type Unavailable = { status: 'unavailable'; reason: string };

export type LlmOutcome = { status: 'ok'; intent: string | null; confidence: number; cached: boolean } | Unavailable;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export class LlmClient {
  private readonly breaker: CircuitBreaker;
  private readonly slots: Semaphore;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly endpoint: LlmEndpoint) {
    this.breaker = new CircuitBreaker(
      { failureThreshold: endpoint.breaker?.failureThreshold ?? 5, resetMs: endpoint.breaker?.resetMs ?? 30_000 },
      endpoint.now,
    );
    this.slots = new Semaphore(endpoint.maxConcurrent ?? 4);
    this.fetchImpl = endpoint.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get breakerState(): 'closed' | 'open' | 'half-open' {
    return this.breaker.state;
  }

  /**
   * POSTs one chat-completions request and hands the JSON answer to `read`. A refused, slow or
   * failed call, or an answer `read` throws on, counts against the breaker and comes back as
   * `unavailable` with the reason; nothing throws.
   */
  async chat<T>(request: object, read: (body: unknown) => T): Promise<{ status: 'ok'; value: T } | Unavailable> {
    if (!this.breaker.tryAcquire()) return { status: 'unavailable', reason: 'circuit breaker open after repeated LLM failures' };
    const controller = new AbortController();
    const timeoutMs = this.endpoint.timeoutMs ?? 4000;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let release: (() => void) | undefined;
    try {
      release = await this.slots.acquire(controller.signal);
      const response = await this.fetchImpl(`${this.endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.endpoint.apiKey ? { authorization: `Bearer ${this.endpoint.apiKey}` } : {}),
        },
        body: JSON.stringify(request),
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`LLM endpoint answered HTTP ${response.status}`);
      const value = read(await response.json());
      this.breaker.success();
      return { status: 'ok', value };
    } catch (error) {
      this.breaker.failure();
      const reason = controller.signal.aborted ? `LLM timed out after ${timeoutMs} ms` : (error as Error).message;
      return { status: 'unavailable', reason };
    } finally {
      clearTimeout(timer);
      release?.();
    }
  }

  /** Free text for `messages` (a flow's llm step): the first choice's content. */
  async complete(messages: readonly ChatMessage[]): Promise<{ status: 'ok'; text: string } | Unavailable> {
    const outcome = await this.chat({ model: this.endpoint.model, messages }, replyText);
    return outcome.status === 'ok' ? { status: 'ok', text: outcome.value } : outcome;
  }
}

function replyText(body: unknown): string {
  const content = (body as { choices?: Array<{ message?: { content?: unknown } }> } | null)?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new Error('no text in the answer');
  return content;
}

/** Picks one of the candidate intents (tier 4), with a small cache of recent answers. */
export class LlmClassifier {
  private readonly client: LlmClient;
  private readonly cache: LruCache<string, { intent: string | null; confidence: number }>;

  constructor(private readonly config: LlmConfig) {
    this.client = new LlmClient(config);
    this.cache = new LruCache(config.cacheSize ?? 256);
  }

  get breakerState(): 'closed' | 'open' | 'half-open' {
    return this.client.breakerState;
  }

  async classify(text: string, candidates: readonly LlmCandidate[]): Promise<LlmOutcome> {
    if (candidates.length === 0) return { status: 'ok', intent: null, confidence: 0, cached: false };
    const key = JSON.stringify([text, candidates.map((c) => c.name)]);
    const hit = this.cache.get(key);
    if (hit) return { status: 'ok', ...hit, cached: true };
    const request = buildRequest(this.config.model, text, candidates, this.config.responseFormat ?? 'json_schema');
    const outcome = await this.client.chat(request, (body) => parseAnswer(body, candidates));
    if (outcome.status !== 'ok') return outcome;
    const answer = outcome.value;
    const result = answer.confidence < (this.config.minConfidence ?? 0.5) ? { intent: null, confidence: answer.confidence } : answer;
    this.cache.set(key, result);
    return { status: 'ok', ...result, cached: false };
  }
}
