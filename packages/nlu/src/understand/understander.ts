/**
 * The understanding tiers, first confident one wins:
 * structured (reply ids) → rules (keywords, patterns, lexicons, choice titles) →
 * classifier (trained from the flow's examples) → LLM (async only, for what is left).
 * `understand` is synchronous and never throws; `understandAsync` adds the LLM tier.
 */
import type { Expectations, FlowVocabulary, InboundMessage } from '@parley/contract';
import type { ClassifierOptions } from '../classifier/model';
import { obtainClassifier, type ModelCache, type TrainedModel } from '../classifier/persist';
import type { SentenceEncoder } from '../classifier/word-vectors';
import { extractEntities, warmUpExtractors } from '../entities/index';
import { LlmClassifier, type LlmConfig } from '../llm/client';
import type { LlmCandidate } from '../llm/prompt';
import { detectLanguage } from '../text/language';
import { MAX_ANALYZED_CHARS, normalizeText } from '../text/normalize';
import { polarity } from '../text/polarity';
import { sentiment } from '../text/sentiment';
import type { IntentCandidate, Understanding } from '../types';
import { matchChoice } from './choices';
import { RuleSet } from './rules';
import { hasTrainableIntents, humanizeIntentName, trainingExamples } from './training';

export interface Thresholds {
  /** A rule hit at or above this settles the message at tier 2. */
  rules: number;
  /** Calibrated classifier confidence at or above this settles it at tier 3; below it is out of scope. */
  classifier: number;
  /** A choice matched by meaning needs at least this. */
  choice: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { rules: 0.8, classifier: 0.6, choice: 0.5 };

export interface UnderstanderOptions {
  flow: FlowVocabulary;
  llm?: LlmConfig;
  thresholds?: Partial<Thresholds>;
  /** Where trained models are kept across restarts (the runtime backs it with Redis). */
  modelCache?: ModelCache;
  classifier?: ClassifierOptions;
  /**
   * Pretrained sentence vectors for the classifier (Node: `loadWordVectors()` from '@parley/nlu/vectors').
   * Much better on paraphrases that share no words with the examples; injected so that the browser never loads them.
   */
  encoder?: SentenceEncoder;
}

export interface UnderstandOptions {
  /** The user's locale ("pt-BR"): number and date formats, phone country. */
  locale?: string;
  timezone?: string;
  now?: number | Date;
}

export interface Understander {
  understand(message: InboundMessage, expectations?: Expectations, options?: UnderstandOptions): Understanding;
  understandAsync(message: InboundMessage, expectations?: Expectations, options?: UnderstandOptions): Promise<Understanding>;
  /** The trained classifier, if the flow has examples: content key, where it came from, training time. */
  readonly model?: Omit<TrainedModel, 'classifier'> & { intents: number };
  /** Problems found while compiling the flow's rules (patterns that do not compile). */
  readonly problems: readonly string[];
}

// Control characters other than tab and newline are junk for every tier (binary payloads, broken encodings).
const CONTROL = /(?![\t\n])[\p{Cc}\ufffd]/gu;

export function createUnderstander(options: UnderstanderOptions): Understander {
  const intents = options.flow.intents ?? [];
  const intentNames = new Set(intents.map((i) => i.name));
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const rules = new RuleSet(intents);
  const trained = hasTrainableIntents(intents)
    ? obtainClassifier(trainingExamples(intents), options.classifier, options.modelCache, options.encoder)
    : undefined;
  const llm = options.llm ? new LlmClassifier(options.llm) : undefined;
  warmUpExtractors();

  function eligibleIntents(expectations?: Expectations): Set<string> | undefined {
    if (!expectations) return undefined;
    return new Set([...expectations.intents, ...expectations.interruptIntents].filter((n) => intentNames.has(n)));
  }

  function analyse(
    message: InboundMessage,
    expectations: Expectations | undefined,
    opts: UnderstandOptions,
    started: number,
  ): Understanding {
    const reasons: string[] = [];
    const raw = typeof message?.text === 'string' ? message.text : typeof message?.media?.caption === 'string' ? message.media.caption : '';
    if (raw.length > MAX_ANALYZED_CHARS)
      reasons.push(`text is ${raw.length} characters: only the first ${MAX_ANALYZED_CHARS} are analysed`);
    const text = raw.slice(0, MAX_ANALYZED_CHARS).replace(CONTROL, ' ');
    const eligible = eligibleIntents(expectations);
    if (eligible) reasons.push(`context: ${eligible.size} eligible intent(s) at ${expectations?.nodeId ?? 'the wait'}`);
    const choices = expectations?.choices ?? [];
    const language = detectLanguage(text, { candidates: options.flow.languages }) ?? undefined;
    const base: Understanding = {
      intent: null,
      confidence: 0,
      tier: 'none',
      candidates: [],
      reasons,
      entities: text
        ? extractEntities(text, {
            locale: opts.locale ?? language ?? expectations?.language,
            timezone: opts.timezone,
            now: opts.now,
            customEntities: options.flow.entities,
          })
        : [],
      ...(text ? { sentiment: sentiment(text) } : {}),
      elapsedMs: 0,
    };
    const yesNo = text ? polarity(text, language ?? expectations?.language) : undefined;
    if (yesNo) base.polarity = yesNo;
    if (language) base.language = language;
    const done = (result: Understanding): Understanding => ({ ...result, elapsedMs: performance.now() - started });

    // Tier 1: the id of a tapped button / list row / quick reply / template button payload.
    const id = message?.choiceId;
    if (typeof id === 'string' && id) {
      const choice = choices.find((c) => c.id === id);
      const intentId = id.startsWith('intent:') ? id.slice('intent:'.length) : id;
      const intent = intentNames.has(intentId) && (!eligible || eligible.has(intentId)) ? intentId : null;
      if (choice || intent) {
        reasons.push(choice ? `reply id "${id}" is an offered choice` : `reply id "${id}" names intent "${intent}"`);
        return done({
          ...base,
          intent,
          confidence: 1,
          tier: 'structured',
          candidates: intent ? [{ intent, confidence: 1 }] : [],
          ...(choice ? { choice: { id: choice.id, confidence: 1, tier: 'structured' as const } } : {}),
        });
      }
      reasons.push(`reply id "${id}" is not an offered choice or an intent: reading its text`);
    }

    if (!normalizeText(text) && !yesNo) {
      reasons.push(
        text.trim()
          ? 'out of scope: no words to analyse (emoji, symbols or junk only)'
          : `out of scope: no text in a ${message?.kind ?? 'missing'} message`,
      );
      return done(base);
    }

    // Tier 2: rules and choice titles.
    const hits = rules.match(text, eligible, language ?? expectations?.language);
    const choiceMatch = choices.length ? matchChoice(text, choices, language ?? expectations?.language) : undefined;
    const ruleCandidates = dedupe(hits.map((h) => ({ intent: h.intent, confidence: h.confidence })));
    const topHit = hits[0];
    const ruleChoice = choiceMatch?.tier === 'rules' && choiceMatch.confidence >= thresholds.choice ? choiceMatch : undefined;
    if (ruleChoice) reasons.push(ruleChoice.reason);
    if (topHit && topHit.confidence >= thresholds.rules) {
      reasons.push(`rules: ${topHit.reason} → ${topHit.intent}`);
      return done({
        ...base,
        intent: topHit.intent,
        confidence: topHit.confidence,
        tier: 'rules',
        candidates: ruleCandidates,
        ...(ruleChoice ? { choice: { id: ruleChoice.id, confidence: ruleChoice.confidence, tier: 'rules' as const } } : {}),
      });
    }
    if (ruleChoice) {
      return done({
        ...base,
        confidence: ruleChoice.confidence,
        tier: 'rules',
        candidates: ruleCandidates,
        choice: { id: ruleChoice.id, confidence: ruleChoice.confidence, tier: 'rules' },
      });
    }

    // Tier 3: the classifier, narrowed to what the wait can mean.
    const prediction =
      trained && normalizeText(text) && (!eligible || eligible.size > 0) ? trained.classifier.predict(text, eligible) : undefined;
    const candidates = dedupe([
      ...ruleCandidates,
      ...(prediction?.ranked.slice(0, 5).map((r) => ({ intent: r.intent, confidence: r.probability })) ?? []),
    ]);
    const best = prediction?.ranked[0];
    const classifierConfidence = prediction?.confidence ?? 0;
    const accepted = best && classifierConfidence >= thresholds.classifier ? best.intent : null;
    let choice =
      choiceMatch?.tier === 'classifier' && choiceMatch.confidence >= thresholds.choice
        ? { id: choiceMatch.id, confidence: choiceMatch.confidence, tier: 'classifier' as const }
        : undefined;
    if (choiceMatch && choice) reasons.push(choiceMatch.reason);
    if (!choice && accepted) {
      const same = choices.find((c) => c.id === accepted || normalizeText(c.title) === humanizeIntentName(accepted));
      if (same) {
        choice = { id: same.id, confidence: classifierConfidence, tier: 'classifier' };
        reasons.push(`choice "${same.id}": stands for intent ${accepted}`);
      }
    }
    if (accepted && best) {
      reasons.push(`classifier: ${accepted} with confidence ${classifierConfidence.toFixed(2)} ≥ ${thresholds.classifier}`);
      return done({
        ...base,
        intent: accepted,
        confidence: classifierConfidence,
        tier: 'classifier',
        candidates,
        ...(choice ? { choice } : {}),
      });
    }
    if (choice) return done({ ...base, confidence: choice.confidence, tier: 'classifier', candidates, choice });
    if (topHit) reasons.push(`rules: ${topHit.reason} → ${topHit.intent} only at ${topHit.confidence.toFixed(2)} < ${thresholds.rules}`);
    if (best)
      reasons.push(`out of scope: confidence ${classifierConfidence.toFixed(2)} < ${thresholds.classifier} (best guess ${best.intent})`);
    else
      reasons.push(
        trained
          ? 'out of scope: no eligible intent to classify into'
          : 'out of scope: no rule matched and the flow has no examples to train a classifier',
      );
    return done({ ...base, confidence: prediction?.confidence ?? topHit?.confidence ?? 0, candidates });
  }

  function understand(message: InboundMessage, expectations?: Expectations, opts: UnderstandOptions = {}): Understanding {
    const started = performance.now();
    try {
      return analyse(message, expectations, opts, started);
    } catch (error) {
      // A bug in one tier must not take the conversation down: report it and treat the message as not understood.
      return {
        intent: null,
        confidence: 0,
        tier: 'none',
        candidates: [],
        entities: [],
        reasons: [`understanding failed: ${(error as Error)?.message ?? String(error)}`],
        elapsedMs: performance.now() - started,
      };
    }
  }

  async function understandAsync(
    message: InboundMessage,
    expectations?: Expectations,
    opts: UnderstandOptions = {},
  ): Promise<Understanding> {
    const started = performance.now();
    const result = understand(message, expectations, opts);
    const text = typeof message?.text === 'string' ? message.text : '';
    if (!llm || result.intent !== null || result.choice || !normalizeText(text)) return result;
    const eligible = eligibleIntents(expectations);
    const llmCandidates: LlmCandidate[] = [
      ...intents
        .filter((i) => !eligible || eligible.has(i.name))
        .map((i) => ({
          name: i.name,
          ...(i.description ? { description: i.description } : {}),
          examples: Object.values(i.examples ?? {}).flat(),
        })),
      ...(expectations?.choices ?? []).map((c) => ({ name: `choice:${c.id}`, description: `the option "${c.title}"` })),
    ];
    if (llmCandidates.length === 0) return result;
    const outcome = await llm.classify(text, llmCandidates);
    const elapsedMs = result.elapsedMs + (performance.now() - started);
    if (outcome.status === 'unavailable') {
      return { ...result, llmUnavailable: true, reasons: [...result.reasons, `llm unavailable: ${outcome.reason}`], elapsedMs };
    }
    if (!outcome.intent) {
      return {
        ...result,
        reasons: [...result.reasons, `llm: none of the candidates (confidence ${outcome.confidence.toFixed(2)})`],
        elapsedMs,
      };
    }
    const reasons = [
      ...result.reasons,
      `llm${outcome.cached ? ' (cached)' : ''}: ${outcome.intent} with confidence ${outcome.confidence.toFixed(2)}`,
    ];
    if (outcome.intent.startsWith('choice:')) {
      const id = outcome.intent.slice('choice:'.length);
      return {
        ...result,
        confidence: outcome.confidence,
        tier: 'llm',
        choice: { id, confidence: outcome.confidence, tier: 'llm' },
        reasons,
        elapsedMs,
      };
    }
    const candidates = dedupe([{ intent: outcome.intent, confidence: outcome.confidence }, ...result.candidates]);
    return { ...result, intent: outcome.intent, confidence: outcome.confidence, tier: 'llm', candidates, reasons, elapsedMs };
  }

  return {
    understand,
    understandAsync,
    problems: rules.problems,
    ...(trained
      ? { model: { key: trained.key, source: trained.source, trainingMs: trained.trainingMs, intents: trained.classifier.intents.length } }
      : {}),
  };
}

function dedupe(candidates: IntentCandidate[]): IntentCandidate[] {
  const seen = new Map<string, number>();
  for (const c of candidates) seen.set(c.intent, Math.max(seen.get(c.intent) ?? 0, c.confidence));
  return [...seen].map(([intent, confidence]) => ({ intent, confidence })).sort((a, b) => b.confidence - a.confidence);
}
