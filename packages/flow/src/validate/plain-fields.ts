/**
 * Names for the places an issue points at, in the words of the studio's forms:
 * "/nodes/3/buttons/1/title" → step “Menu”, "the title of button 2". Used by
 * plain-words.ts; the CLI keeps the JSON pointer itself.
 */

/** What a marketer calls a field (the studio's inspector labels, lower-cased). */
const FIELD_WORDS: Record<string, string> = {
  text: 'text',
  prompt: 'question',
  title: 'title',
  id: 'exit name',
  description: 'description',
  timeout: 'waiting time',
  expect: 'kind of answer',
  saveAs: 'variable the answer is saved in',
  url: 'web address',
  method: 'request method',
  body: 'request body',
  map: 'values saved from the answer',
  params: 'parameters',
  returns: 'values brought back',
  flow: 'flow to run',
  name: 'name',
  languages: 'languages',
  nodes: 'steps',
  start: 'first step',
  cases: 'cases',
  send: 'send setting',
  media: 'media',
  caption: 'caption',
  list: 'list',
  button: 'list button text',
  sections: 'sections',
  rows: 'rows',
  choices: 'choices',
  retryPrompt: 'retry message',
  variables: 'variables',
  intents: 'intents',
  entities: 'entities',
  patterns: 'patterns',
  pattern: 'pattern',
  interrupts: 'interrupts',
  triggers: 'triggers',
  settings: 'settings',
  softTimeout: 'reminder after silence',
  exits: 'connections',
  default: 'default value',
  synonyms: 'synonyms',
  headers: 'headers',
  specVersion: 'format version',
  test: 'test',
  args: 'test values',
  op: 'test',
  examples: 'example sentences',
  type: 'type',
  label: 'title',
  expireAfter: 'session expiry',
  header: 'header',
  target: 'step to go to',
  intent: 'intent',
  event: 'event',
  reason: 'reason',
  queue: 'queue',
  model: 'model',
  instructions: 'instructions',
  maxTokens: 'answer length limit',
  duration: 'duration',
  value: 'value',
  values: 'values',
  mode: 'mode',
  template: 'template',
  language: 'language',
  until: 'end time',
};

/** One item of a list: "buttons" → "button". */
const SINGULAR: Record<string, string> = {
  buttons: 'button',
  rows: 'row',
  sections: 'section',
  choices: 'choice',
  cases: 'case',
  nodes: 'step',
  patterns: 'pattern',
  intents: 'intent',
  entities: 'entity',
  interrupts: 'interrupt',
  triggers: 'trigger',
  languages: 'language',
  args: 'value',
  examples: 'example',
  body: 'parameter',
  header: 'parameter',
  values: 'value',
  synonyms: 'synonym',
};

/** "retryPrompt" → "retry prompt", "has_number" stays as is (operators are named that way in the studio). */
export function wordsOf(key: string): string {
  return FIELD_WORDS[key] ?? key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** "answer_shipping" / "answerShipping" → "Answer shipping": a step's name when it has no title. */
export function humanizeId(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.:-]+/)
    .filter(Boolean)
    .map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase()));
  if (!words.length) return id;
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The field a path below its owner names: ['buttons','1','title'] → "the title of button 2",
 * ['list','sections','0','rows','2'] → "row 3 of section 1 of the list". Empty segments → "".
 */
export function fieldPhrase(segments: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i]!;
    const next = segments[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      parts.push(`${SINGULAR[key] ?? wordsOf(key)} ${Number(next) + 1}`);
      i++;
    } else if (/^\d+$/.test(key)) {
      parts.push(`item ${Number(key) + 1}`);
    } else if (
      i > 0 &&
      (segments[i - 1] === 'map' || segments[i - 1] === 'params' || segments[i - 1] === 'returns' || segments[i - 1] === 'variables')
    ) {
      parts.push(`“${key}”`);
    } else {
      parts.push(i === 0 || parts.length === 0 ? `the ${wordsOf(key)}` : wordsOf(key));
    }
  }
  // Innermost first: "the title of button 2".
  return parts
    .reverse()
    .map((p, i) => (i === 0 && !p.startsWith('the ') && !p.startsWith('“') ? `the ${p}` : p))
    .join(' of ');
}
