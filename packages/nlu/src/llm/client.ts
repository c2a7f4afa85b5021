/**
 * Tier 4: an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama) asked to
 * pick one of the candidate intents, with structured JSON output. Timeout, concurrency
 * cap, circuit breaker and a small LRU cache; `fetch` is injected so the package stays pure.
 */
import { LruCache } from '../understand/lru';
import { CircuitBreaker, Semaphore } from './breaker';
import { buildRequest, parseAnswer, type LlmCandidate } from './prompt';

export interface LlmConfig {
  /** e.g. "https://api.openai.com/v1", "http://localhost:11434/v1" (the path /chat/completions is appended). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxConcurrent?: number;
  breaker?: { failureThreshold?: number; resetMs?: number };
  cacheSize?: number;
  /** "json_schema" (OpenAI, vLLM) or "json_object" (older servers, Ollama). */
  responseFormat?: 'json_schema' | 'json_object';
  /** Answers below this are treated as "none of them". */
  minConfidence?: number;
  /** Clock for the breaker (tests). */
  now?: () => number;
}

export type LlmOutcome =
  | { status: 'ok'; intent: string | null; confidence: number; cached: boolean }
  | { status: 'unavailable'; reason: string };

export class LlmClassifier {
  private readonly breaker: CircuitBreaker;
  private readonly slots: Semaphore;
  private readonly cache: LruCache<string, { intent: string | null; confidence: number }>;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly config: LlmConfig) {
    this.breaker = new CircuitBreaker(
      { failureThreshold: config.breaker?.failureThreshold ?? 5, resetMs: config.breaker?.resetMs ?? 30_000 }, config.now,
    );
    this.slots = new Semaphore(config.maxConcurrent ?? 4);
    this.cache = new LruCache(config.cacheSize ?? 256);
    this.fetchImpl = config.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get breakerState(): 'closed' | 'open' | 'half-open' {
    return this.breaker.state;
  }

  async classify(text: string, candidates: readonly LlmCandidate[]): Promise<LlmOutcome> {
    if (candidates.length === 0) return { status: 'ok', intent: null, confidence: 0, cached: false };
    const key = JSON.stringify([text, candidates.map((c) => c.name)]);
    const hit = this.cache.get(key);
    if (hit) return { status: 'ok', ...hit, cached: true };
    if (!this.breaker.tryAcquire()) return { status: 'unavailable', reason: 'circuit breaker open after repeated LLM failures' };

    const controller = new AbortController();
    const timeoutMs = this.config.timeoutMs ?? 4000;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let release: (() => void) | undefined;
    try {
      release = await this.slots.acquire(controller.signal);
      const response = await this.fetchImpl(`${this.config.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {}),
        },
        body: JSON.stringify(buildRequest(this.config.model, text, candidates, this.config.responseFormat ?? 'json_schema')),
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`LLM endpoint answered HTTP ${response.status}`);
      const answer = parseAnswer(await response.json(), candidates);
      this.breaker.success();
      const result = answer.confidence < (this.config.minConfidence ?? 0.5) ? { intent: null, confidence: answer.confidence } : answer;
      this.cache.set(key, result);
      return { status: 'ok', ...result, cached: false };
    } catch (error) {
      this.breaker.failure();
      const reason = controller.signal.aborted ? `LLM timed out after ${timeoutMs} ms` : (error as Error).message;
      return { status: 'unavailable', reason };
    } finally {
      clearTimeout(timer);
      release?.();
    }
  }
}
