/**
 * The studio's wording of validation issues: the same finding as the CLI's
 * message, said for a marketer. Steps are named by their title, fields by what
 * the inspector calls them, and no JSON words (null, object, string, property,
 * pointers) appear. The issue's code, path and node id are unchanged, so the
 * studio still pins it on the canvas; the CLI keeps `message` + `path`.
 */
import type { ValidationIssue } from './issue';
import { fieldPhrase, humanizeId, wordsOf } from './plain-fields';

export { humanizeId } from './plain-fields';

type Issue = Pick<ValidationIssue, 'code' | 'message' | 'path' | 'nodeId'>;

interface Context {
  issue: Issue;
  segments: string[];
  /** Step name in quotes, e.g. “Answer shipping”; "this step" without a node. */
  step: string;
  /** The field below the step (or the flow): "the title of button 2". */
  field: string;
  /** The value at the issue's path, when the flow is given. */
  value: unknown;
  /** First quoted names of the CLI message, in order ('a', "b"). */
  quoted: string[];
}

function segmentsOf(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const s of segments) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, s)) return undefined;
    current = (current as Record<string, unknown>)[s];
  }
  return current;
}

const quote = (text: string) => `“${text}”`;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the schema's JSON types are to a marketer. */
const KIND_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'yes or no',
  object: 'a group of settings',
  array: 'a list',
  null: 'nothing',
};

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of settings';
  if (typeof value === 'string') return `the text ${quote(value.length > 40 ? value.slice(0, 39) + '…' : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return value ? 'yes' : 'no';
}

function where(c: Context): string {
  if (c.issue.nodeId !== undefined || /^\/nodes\/\d+/.test(c.issue.path)) {
    return c.field ? `${cap(c.field)} of the step ${c.step}` : `The step ${c.step}`;
  }
  return c.field ? cap(c.field) : 'This flow';
}

/** Issue codes whose CLI message speaks JSON: each gets its own sentence. */
const SENTENCES: Record<string, (c: Context) => string | undefined> = {
  'schema-required': (c) => {
    const missing = /required property '([^']+)'/.exec(c.issue.message)?.[1] ?? '';
    return `${where(c)} needs ${missing === 'saveAs' ? 'a variable to save the answer in' : `a ${wordsOf(missing)}`}.`;
  },
  'schema-limit': (c) => {
    if (c.issue.path === '/nodes') return 'This flow has no steps yet — add one from the palette.';
    if (c.issue.path === '/languages') return 'This flow needs at least one language.';
    const max = /more than (\d+) (characters|items)/.exec(c.issue.message);
    if (max) return `${where(c)} is too long: at most ${max[1]} ${max[2] === 'items' ? 'entries' : 'characters'}.`;
    const min = /fewer than (\d+) (characters|items)/.exec(c.issue.message);
    if (min) return `${where(c)} is too short: at least ${min[1]} ${min[2] === 'items' ? 'entries' : 'characters'}.`;
    const range = /must be ([<>]=?) (-?[\d.]+)/.exec(c.issue.message);
    if (range) return `${where(c)} must be ${range[1]!.startsWith('<') ? 'at most' : 'at least'} ${range[2]}.`;
    return `${where(c)} is empty; fill it in.`;
  },
  'schema-type': (c) => {
    const expected = /expected (.+)\.$/.exec(c.issue.message)?.[1] ?? '';
    const kinds = expected.split(' or ').map((k) => KIND_WORDS[k] ?? k);
    const wanted = kinds.includes('text') && kinds.includes('a group of settings') ? 'a text (one per language)' : kinds.join(' or ');
    return `${where(c)} is ${kindOf(c.value)}; it should be ${wanted}.`;
  },
  'schema-enum': (c) => {
    const allowed = /expected one of (.+)\.$/.exec(c.issue.message)?.[1] ?? /must be (.+)\.$/.exec(c.issue.message)?.[1] ?? '';
    return `${where(c)} is ${kindOf(c.value)}; choose one of: ${allowed}.`;
  },
  'schema-pattern': (c) => {
    const expected = /expected (.+)\.$/.exec(c.issue.message)?.[1] ?? 'another form';
    const key = /The key '([^']+)'/.exec(c.issue.message)?.[1];
    if (key && c.segments.at(-2) === 'text')
      return `The text of the step ${c.step} has a version for ${quote(key)}, which is not a language code; use a code such as en or pt-BR.`;
    if (key) return `${quote(key)} in ${where(c).toLowerCase()} is not valid: use ${expected}.`;
    return `${where(c)} is ${kindOf(c.value)}; use ${expected}.`;
  },
  'schema-unknown-property': (c) => {
    const name = c.segments.at(-1) ?? '';
    const hint = /Did you mean '([^']+)'/.exec(c.issue.message)?.[1];
    const owner =
      c.segments.length <= 2 && c.segments[0] === 'nodes'
        ? `The step ${c.step}`
        : where({ ...c, field: fieldPhrase(c.segments.slice(c.segments[0] === 'nodes' ? 2 : 0, -1)) });
    return `${owner} has a setting ${quote(name)} that Parley does not know${hint ? ` (did you mean ${quote(wordsOf(hint))}?)` : ''}; remove it in the flow file.`;
  },
  'schema-invalid': (c) =>
    /same value twice/.test(c.issue.message)
      ? `${c.issue.path === '/languages' ? 'This flow lists a language twice' : `${where(c)} lists the same entry twice`}; keep one.`
      : `${where(c)} is not valid.`,
  'unknown-node-type': (c) =>
    `The step ${c.step} is of an unknown kind ${quote(String(c.value ?? c.quoted[0] ?? ''))}; this version of Parley cannot run it.`,
  'missing-exit': (c) =>
    `The step ${c.step} is not connected to a next step; connect it, or choose “end the conversation here” in its connections.`,
  'http-failure-unhandled': (c) =>
    `The web request step ${c.step} does not say what happens when it fails, so a failed request ends the conversation without a word; connect its failure exit, or choose “end the conversation here” for it.`,
  'duplicate-choice-title': (c) => {
    const n = Number(c.segments.at(-2)) + 1;
    const noun = c.segments.at(-3) === 'rows' ? 'Row' : c.segments.at(-3) === 'choices' ? 'Choice' : 'Button';
    if (typeof c.value === 'string' && c.value.trim() === '') return `${noun} ${n} of the step ${c.step} has no title.`;
    const first = /of (?:button|row|choice) (\d+)/.exec(c.issue.message)?.[1];
    return `${noun} ${n} of the step ${c.step} has the same title as ${noun.toLowerCase()} ${first ?? 'another one'}${typeof c.value === 'string' ? ` (${quote(c.value)})` : ''}; give each a different title.`;
  },
  'duplicate-choice-id': (c) =>
    `Two choices of the step ${c.step} have the exit name ${quote(String(c.value ?? c.quoted[1] ?? ''))}; each exit name must be different.`,
  'duplicate-node-id': (c) => `Two steps have the technical name ${quote(c.issue.nodeId ?? '')}; rename one of them.`,
  'llm-result-discarded': (c) => `The AI step ${c.step} neither sends its reply nor saves it in a variable, so its answer is lost.`,
  'message-wait-fields-unused': (c) =>
    `The message step ${c.step} has a waiting time or a variable to save the choice in, but no buttons or list, so it never waits; remove them or add choices.`,
  'start-missing': (c) =>
    `The first step ${quote(c.quoted[0] ?? '')} does not exist; choose another step with “Start the conversation here”.`,
  'unknown-node-reference': (c) =>
    `${c.segments[0] === 'settings' ? 'The reminder after silence' : `Interrupt ${quote(c.quoted[0] ?? '')}`} goes to the step ${quote(c.quoted.at(-1) ?? '')}, which does not exist.`,
  'spec-outdated': () => 'This flow was written for an older version of Parley; ask a developer to upgrade it (parley migrate).',
  'spec-unsupported': () => 'This flow was written for a newer version of Parley than this one; ask a developer to update Parley.',
  'variable-default-type': (c) =>
    `The default value of the variable ${quote(c.quoted[0] ?? '')} does not match its kind (${KIND_WORDS[c.quoted[1] ?? ''] ?? c.quoted[1]}).`,
  'template-syntax': (c) => c.issue.message.replace(/ \(see docs\/expressions\.md\)/, ''),
  'json-syntax': (c) =>
    `The flow file is damaged and cannot be read${/line \d+/.test(c.issue.message) ? ` (${/line \d+(, column \d+)?/.exec(c.issue.message)![0]})` : ''}; ask a developer to fix it.`,
  'operator-args': (c) => c.issue.message.replace(/number\(s\)/, 'numbers').replace(/^Route test/, 'A test'),
  'regex-invalid': (c) => c.issue.message.replace(/ does not compile: .*$/, ' is not valid.').replace(/regular expression/, 'pattern'),
  'regex-unsupported': (c) => c.issue.message.replace(/Parley's pattern engine \(RE2\)/, 'Parley').replace(/regular expression/, 'pattern'),
};

/** JSON-speak in lint messages that have no sentence of their own. */
const REWRITES: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  [/ at \/nodes\/\d+/g, ''],
  [/\bnot declared in "variables"/g, 'not one of the flow’s variables (Flow settings)'],
  [/\bnot declared in "(intents|entities)"/g, 'not one of the flow’s $1'],
  [/\bdeclared in "(intents|entities)"/g, 'declared among the flow’s $1'],
  [/set it to null to end (?:on purpose|the conversation there)/g, 'choose “end the conversation here”'],
  [/\((send: false)\)|\(no saveAs\)/g, ''],
  [/ saveAs\/timeout /g, ' a saved choice or a waiting time '],
  [/\b([a-z]+)\(s\)/g, '$1s'],
  [/^Route test in /, 'A test in '],
  [/\bthe start node\b/g, 'the first step'],
  [/\bthe soft timeout\b/g, 'the reminder after silence'],
  [/\ban ask node\b/g, 'a question step'],
  [/\bnot a node\b/g, 'not a step'],
  [/\b(any|no|a) node\b/g, '$1 step'],
  [/\bnodes\b/g, 'steps'],
  [/\bas (number|string|boolean|integer)\b/g, (_m: string, k: string) => `as ${KIND_WORDS[k]}`],
  [/\s+\./g, '.'],
  [/\s{2,}/g, ' '],
];

/** "Ask node 'question'" / "node 'question' (ask)" → "the ask step “Question”". */
function nameSteps(message: string, title: (id: string) => string): string {
  return message
    .replace(
      /\b(Ask|Message|Route|Set|Http|Template|Handoff|Subflow|Wait|LLM|End) node '([^']*)'/g,
      (_m, type: string, id: string) =>
        `The ${type === 'LLM' ? 'AI' : type === 'Http' ? 'web request' : type.toLowerCase()} step ${quote(title(id))}`,
    )
    .replace(
      /\b(?:of|in) (http|template) node '([^']*)'/g,
      (_m, type: string, id: string) => `of the ${type === 'http' ? 'web request' : type} step ${quote(title(id))}`,
    )
    .replace(
      /\bNodes ((?:'[^']*',? ?)+) form/g,
      (_m, ids: string) => `The steps ${[...ids.matchAll(/'([^']*)'/g)].map((x) => quote(title(x[1]!))).join(', ')} form`,
    )
    .replace(
      /\b([Nn])odes? '([^']*)'(?: \((\w+)\))?/g,
      (_m, n: string, id: string) => `${n === 'N' ? 'The' : 'the'} step ${quote(title(id))}`,
    )
    .replace(/(^|[.;:] )the step/g, (_m, p: string) => `${p}The step`)
    .replace(/([\s(])the (\w+ )?step “/g, '$1the $2step “');
}

/**
 * The marketer's sentence for one issue. `flow` (the document validated) lets
 * steps be named by their title and values be shown; without it ids are humanized.
 */
export function plainIssueMessage(issue: Issue, flow?: unknown): string {
  const segments = segmentsOf(issue.path);
  const nodes = flow && typeof flow === 'object' ? (flow as { nodes?: unknown }).nodes : undefined;
  const title = (id: string): string => {
    const n = Array.isArray(nodes)
      ? (nodes.find((x) => x && typeof x === 'object' && (x as { id?: unknown }).id === id) as { label?: unknown } | undefined)
      : undefined;
    return typeof n?.label === 'string' && n.label.trim() ? n.label.trim() : humanizeId(id);
  };
  const inNode = segments[0] === 'nodes' && segments.length >= 2;
  const context: Context = {
    issue,
    segments,
    step: issue.nodeId !== undefined ? quote(title(issue.nodeId)) : inNode ? `number ${Number(segments[1]) + 1}` : 'this step',
    field: fieldPhrase(inNode ? segments.slice(2) : segments),
    value: valueAt(flow, segments),
    quoted: [...issue.message.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? ''),
  };
  const sentence = SENTENCES[issue.code]?.(context);
  let text = sentence ?? nameSteps(issue.message, title);
  if (sentence === undefined || issue.code === 'template-syntax' || issue.code.startsWith('regex') || issue.code === 'operator-args')
    text = nameSteps(text, title);
  for (const [pattern, replacement] of REWRITES)
    text = typeof replacement === 'string' ? text.replace(pattern, replacement) : text.replace(pattern, replacement);
  // Remaining 'x' quotes become typographic ones; an empty '' says "empty".
  return text
    .replace(/''/g, 'an empty value')
    .replace(/(^|[^A-Za-z])'([^'\s][^']*)'(?![A-Za-z])/g, (_m, p: string, x: string) => p + quote(x));
}
