/**
 * NLP.js (@nlpjs/nlp, English) as the baseline the evaluation compares against, trained on
 * the same rows in the same run. Loaded lazily: it is a devDependency and only `--baseline nlpjs` needs it.
 */
import type { LabelledUtterance } from './csv';
import type { EvaluatedSystem, Prediction } from './system';

interface NlpJs {
  settings: { autoSave: boolean };
  addLanguage(language: string): void;
  addDocument(language: string, text: string, intent: string): void;
  train(): Promise<unknown>;
  process(
    language: string,
    text: string,
  ): Promise<{ intent: string; score: number; classifications?: Array<{ intent: string; score: number }> }>;
}

async function createNlp(): Promise<NlpJs> {
  let modules: [
    {
      containerBootstrap: () => Promise<{
        use(x: unknown): void;
        get(name: string): unknown;
        registerConfiguration(tag: string, settings: object, overwrite: boolean): void;
      }>;
    },
    { Nlp: unknown },
    { LangEn: unknown },
  ];
  try {
    modules = (await Promise.all([
      import('@nlpjs/core' as string),
      import('@nlpjs/nlp' as string),
      import('@nlpjs/lang-en-min' as string),
    ])) as typeof modules;
  } catch (error) {
    throw new Error(
      `the NLP.js baseline needs @nlpjs/core, @nlpjs/nlp and @nlpjs/lang-en-min (devDependencies of @parley/nlu): ${(error as Error).message}`,
    );
  }
  const [{ containerBootstrap }, { Nlp }, { LangEn }] = modules;
  const container = await containerBootstrap();
  // NLP.js's own defaults for its NLU (registered without overwrite), except the per-epoch console log.
  container.registerConfiguration(
    'nlu-??',
    {
      keepStopwords: true,
      nonefeatureValue: 1,
      nonedeltaMultiplier: 1.2,
      spellCheck: false,
      spellCheckDistance: 1,
      filterZeros: true,
      log: false,
    },
    true,
  );
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp') as NlpJs;
  nlp.settings.autoSave = false;
  nlp.addLanguage('en');
  return nlp;
}

export function nlpjsSystem(): EvaluatedSystem {
  let nlp: NlpJs | undefined;
  return {
    name: 'NLP.js',
    async train(rows: readonly LabelledUtterance[]) {
      nlp = await createNlp();
      for (const row of rows) nlp.addDocument('en', row.text, row.intent);
      await nlp.train();
    },
    async predict(text: string): Promise<Prediction> {
      if (!nlp) throw new Error('NLP.js baseline used before training');
      const result = await nlp.process('en', text);
      // NLP.js answers "None" when below its own threshold; its best guess is still the top classification.
      const best = result.classifications?.[0];
      const intent = result.intent && result.intent !== 'None' ? result.intent : null;
      return { intent, best: best?.intent ?? intent, confidence: best?.score ?? result.score ?? 0 };
    },
  };
}
