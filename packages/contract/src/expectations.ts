/**
 * What a session waits for, so the host can narrow understanding to the eligible candidates:
 * the wait's intents and choices plus the flow's interrupts. The engine computes it; the
 * understanders read it.
 */

/** What an ask node expects as the answer. */
export type AskExpect = 'text' | 'number' | 'email' | 'phone' | 'date' | 'choice' | 'location' | 'media';

export interface ExpectedChoice {
  id: string;
  title: string;
  synonyms?: string[];
}

export interface Expectations {
  nodeId: string | null;
  /** Intents tested at this wait (has_intent cases after it) plus interrupt intents. */
  intents: string[];
  interruptIntents: string[];
  choices: ExpectedChoice[];
  expect?: AskExpect;
  language: string;
}
