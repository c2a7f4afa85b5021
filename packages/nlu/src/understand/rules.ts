/**
 * Tier 2: what the flow author declared — keywords and patterns on intents — plus the
 * built-in multilingual lexicons for intents named after them (cancel, agent, stop, help,
 * yes, no). Compiled once per flow; matching a message costs a few microseconds.
 */
import type { IntentDecl } from '@parley/contract';
import { compilePattern, type FlowPattern } from '../pattern/pattern';
import type { BuiltinIntent } from '../text/lexicons';
import { normalizeText } from '../text/normalize';
import { matchBuiltinLexicon, polarity } from '../text/polarity';
import { findPhrase } from './fuzzy';

export interface RuleHit {
  intent: string;
  confidence: number;
  reason: string;
  /** Longer evidence wins a tie between two intents. */
  strength: number;
}

interface CompiledIntent {
  name: string;
  keywords: string[][];
  patterns: FlowPattern[];
  builtin?: BuiltinIntent;
  polarity?: 'yes' | 'no';
}

/** Flow intent names that mean a built-in lexicon. */
const BUILTIN_ALIASES: Record<string, BuiltinIntent> = {
  cancel: 'cancel',
  abort: 'cancel',
  agent: 'agent',
  human: 'agent',
  handoff: 'agent',
  talk_to_agent: 'agent',
  talk_to_human: 'agent',
  stop: 'stop',
  unsubscribe: 'stop',
  opt_out: 'stop',
  optout: 'stop',
  help: 'help',
};
const POLARITY_ALIASES: Record<string, 'yes' | 'no'> = {
  yes: 'yes',
  affirm: 'yes',
  confirm: 'yes',
  affirmative: 'yes',
  accept: 'yes',
  no: 'no',
  deny: 'no',
  negative: 'no',
  reject: 'no',
  decline: 'no',
};

const RULE_CONFIDENCE = {
  exactKeyword: 0.97,
  pattern: 0.95,
  builtinExact: 0.95,
  polarity: 0.93,
  keyword: 0.9,
  builtinContained: 0.85,
  typo: 0.8,
};

export class RuleSet {
  private readonly intents: CompiledIntent[];
  readonly problems: string[] = [];

  constructor(intents: readonly IntentDecl[]) {
    this.intents = intents.map((intent) => this.compile(intent));
  }

  private compile(intent: IntentDecl): CompiledIntent {
    const keywords = Object.values(intent.keywords ?? {})
      .flat()
      .map((k) => normalizeText(k).split(' ').filter(Boolean))
      .filter((k) => k.length > 0);
    const patterns: FlowPattern[] = [];
    for (const source of intent.patterns ?? []) {
      const compiled = compilePattern(source);
      if (compiled.ok) patterns.push(compiled.pattern);
      // The validator rejects bad patterns; a flow that skipped it loses the pattern, not the conversation.
      else this.problems.push(`intent "${intent.name}": pattern ${JSON.stringify(source)} ${compiled.problem.message}`);
    }
    const key = intent.name.toLowerCase();
    return { name: intent.name, keywords, patterns, builtin: BUILTIN_ALIASES[key], polarity: POLARITY_ALIASES[key] };
  }

  /** Every rule that fires for the text among the eligible intents, best first. */
  match(text: string, eligible?: ReadonlySet<string>, language?: string): RuleHit[] {
    const tokens = normalizeText(text).split(' ').filter(Boolean);
    const hits: RuleHit[] = [];
    const builtin = this.intents.some((i) => i.builtin) ? matchBuiltinLexicon(text) : undefined;
    const yesNo = this.intents.some((i) => i.polarity) ? polarity(text, language) : undefined;
    for (const intent of this.intents) {
      if (eligible && !eligible.has(intent.name)) continue;
      for (const pattern of intent.patterns) {
        const m = pattern.exec(text);
        if (m)
          hits.push({
            intent: intent.name,
            confidence: RULE_CONFIDENCE.pattern,
            reason: `pattern ${pattern.source}`,
            strength: m.text.length,
          });
      }
      for (const keyword of intent.keywords) {
        const found = findPhrase(tokens, keyword);
        if (!found) continue;
        const whole = found.exact && keyword.length === tokens.length;
        const confidence = !found.exact ? RULE_CONFIDENCE.typo : whole ? RULE_CONFIDENCE.exactKeyword : RULE_CONFIDENCE.keyword;
        hits.push({
          intent: intent.name,
          confidence,
          reason: `keyword "${keyword.join(' ')}"${found.exact ? '' : ' (with a typo)'}`,
          strength: keyword.join(' ').length,
        });
      }
      if (builtin && intent.builtin === builtin.kind) {
        hits.push({
          intent: intent.name,
          confidence: builtin.exact ? RULE_CONFIDENCE.builtinExact : RULE_CONFIDENCE.builtinContained,
          reason: `built-in ${builtin.kind} lexicon "${builtin.phrase}"`,
          strength: builtin.phrase.length,
        });
      }
      if (yesNo && intent.polarity === yesNo) {
        hits.push({ intent: intent.name, confidence: RULE_CONFIDENCE.polarity, reason: `reads as ${yesNo}`, strength: 1 });
      }
    }
    return hits.sort((a, b) => b.confidence - a.confidence || b.strength - a.strength);
  }
}
