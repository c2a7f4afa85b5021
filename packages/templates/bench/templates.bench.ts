/**
 * Templates benchmark: `npm run bench:templates`
 *
 * - validate + dry run: 200 generated templates × 5 languages — validateTemplate on each file, then
 *   dryRun with pathologicalSamples for every language. Baseline measured in the same run: plain ajv
 *   validation (run-time compiled, same options) of the same 200 documents, without Parley's checks.
 * - renders/s: compileRenderer once, then render() a typical template (the design's cart reminder:
 *   image header, text, number and currency parameters, URL button, quick-reply payload) on one core.
 *   Target ≥ 100,000/s. Baseline: building the same params by hand (object literals, no checks).
 * Times are CPU time of this process (the machine is shared), medians of BENCH_RUNS runs (default 7).
 */
import { cpus, loadavg } from 'node:os';
import templateSchema from '../../../schemas/template.schema.json' with { type: 'json' };
import { compileRenderer, dryRun, pathologicalSamples, validateTemplate, type TemplateFile } from '../src/index';
import { templateAjv } from '../src/schema/codegen';
import { cartReminder } from '../src/test-fixtures/cart-reminder';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TEMPLATES = 200;
const LANGUAGES = ['en', 'de', 'es', 'pt_BR', 'fr'];
const RENDER_TARGET = 100_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function timeMs(body: () => void): number {
  const start = cpuMs();
  body();
  return cpuMs() - start;
}

/** Runs `body` (which returns how many operations it did) for ~minMs of CPU; ops per CPU-second. */
function rate(body: () => number, minMs = 300): number {
  let ops = 0;
  const start = cpuMs();
  let elapsed = 0;
  while (elapsed < minMs) {
    ops += body();
    elapsed = cpuMs() - start;
  }
  return (ops / elapsed) * 1000;
}

/** Varied, valid templates: every header kind, 1–4 parameters of every type, 0–4 buttons. */
function generate(i: number): TemplateFile {
  const name = `bench_template_${i}`;
  const parameters: NonNullable<TemplateFile['parameters']> = {
    first_name: { type: 'text', example: 'Maya', fallback: 'there', maxLength: 40 },
    order_id: { type: 'text', example: 'A-1001', pattern: '^[A-Z0-9-]{1,20}$' },
  };
  if (i % 2 === 0) parameters.total = { type: 'currency', example: { amount: 129.9, currency: 'EUR' } };
  if (i % 3 === 0) parameters.due = { type: 'date_time', example: '2026-12-24T10:00:00Z', dateStyle: 'long' };
  if (i % 4 === 0) parameters.items = { type: 'number', example: 3 };
  const headerKind = i % 4;
  if (headerKind === 1) parameters.photo = { type: 'image', example: 'https://cdn.example.com/p.jpg' };
  if (headerKind === 2) parameters.store = { type: 'location', example: { latitude: 52.5, longitude: 13.4 } };
  const languages: TemplateFile['languages'] = {};
  for (const language of LANGUAGES) {
    const extras = Object.keys(parameters)
      .filter((p) => ['total', 'due', 'items'].includes(p))
      .map((p) => ` It is about {{${p}}} in total.`)
      .join('');
    languages[language] = {
      ...(headerKind === 0 ? { header: { format: 'text' as const, text: `Order update (${language})` } } : {}),
      ...(headerKind === 1 ? { header: { format: 'image' as const, parameter: 'photo' } } : {}),
      ...(headerKind === 2 ? { header: { format: 'location' as const, parameter: 'store' } } : {}),
      body: `Hello {{first_name}}, your order {{order_id}} was updated just now.${extras} Reply here with any question.`,
      footer: 'Reply STOP to opt out',
      buttons: [
        { type: 'url', text: 'Track order', url: 'https://shop.example.com/o/{{order_id}}' },
        ...(i % 2
          ? [
              { type: 'quick_reply' as const, text: 'Talk to us', payload: 'talk' },
              { type: 'quick_reply' as const, text: 'Stop' },
            ]
          : []),
      ],
    };
  }
  return { name, category: i % 5 === 0 ? 'utility' : 'marketing', parameters, languages };
}

function main(): void {
  console.log(
    `templates bench — node ${process.version}, ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${RUNS} runs`,
  );
  // The documents as they come from disk: parsed JSON, not shared objects.
  const docs = Array.from({ length: TEMPLATES }, (_, i) => JSON.parse(JSON.stringify(generate(i))) as unknown);

  const ajvValidate = templateAjv(false).compile(templateSchema);
  let invalid = 0;
  const baseline: number[] = [];
  const validateOnly: number[] = [];
  const full: number[] = [];
  let problems = 0;
  for (let run = 0; run < RUNS; run++) {
    baseline.push(timeMs(() => docs.forEach((d) => ajvValidate(d) || invalid++)));
    validateOnly.push(timeMs(() => docs.forEach((d, i) => validateTemplate(d, `templates/bench_template_${i}.template.json`))));
    full.push(
      timeMs(() => {
        problems = 0;
        docs.forEach((d, i) => {
          const { template, issues } = validateTemplate(d, `templates/bench_template_${i}.template.json`);
          if (!template) throw new Error(`generated template ${i} is invalid: ${issues[0]?.message}`);
          for (const language of LANGUAGES)
            problems += dryRun(template, language, pathologicalSamples(template, language)).filter((r) => !r.ok).length;
        });
      }),
    );
  }
  if (invalid > 0) throw new Error('the baseline found invalid documents');
  const b = median(baseline);
  const v = median(validateOnly);
  const f = median(full);
  console.log(`\nvalidate + dry run, ${TEMPLATES} templates × ${LANGUAGES.length} languages (median CPU ms)`);
  console.log(`  baseline: ajv schema validation only      ${b.toFixed(1)} ms`);
  console.log(`  validateTemplate (schema + Meta's rules)  ${v.toFixed(1)} ms   ratio ${(v / b).toFixed(1)}× baseline`);
  console.log(
    `  validate + dry run (pathological samples) ${f.toFixed(1)} ms   ratio ${(f / b).toFixed(1)}× baseline  (${problems} failing samples reported)`,
  );

  const t = cartReminder();
  const renderer = compileRenderer(t, 'en');
  const values = {
    first_name: 'Maya',
    item_count: 2,
    cart_total: { amount: 129.9, currency: 'USD' },
    product_image: 'https://shop.example.com/img/sneakers.jpg',
    cart_id: 'abc123',
  };
  if (!renderer.render(values).ok) throw new Error('the typical render failed');
  const renders: number[] = [];
  const handBuilt: number[] = [];
  let sink = 0;
  for (let run = 0; run < RUNS; run++) {
    renders.push(
      rate(() => {
        for (let k = 0; k < 1000; k++) sink += renderer.render(values).ok ? 1 : 0;
        return 1000;
      }),
    );
    handBuilt.push(
      rate(() => {
        for (let k = 0; k < 1000; k++) {
          const params = {
            header: [{ type: 'image', link: values.product_image }],
            body: [
              { type: 'text', name: 'first_name', text: values.first_name },
              { type: 'text', name: 'item_count', text: String(values.item_count) },
              { type: 'text', name: 'cart_total', text: `$${values.cart_total.amount.toFixed(2)}` },
            ],
            buttons: [
              { type: 'url', text: values.cart_id, index: 0 },
              { type: 'payload', payload: 'stop_reminders', index: 1 },
            ],
          };
          sink += params.body.length;
        }
        return 1000;
      }),
    );
  }
  const r = median(renders);
  const h = median(handBuilt);
  console.log(`\nrender, typical template (cart_reminder en), one core (median of ${RUNS})`);
  console.log(`  baseline: params built by hand, no checks ${Math.round(h).toLocaleString('en')}/s`);
  console.log(
    `  compileRenderer().render                  ${Math.round(r).toLocaleString('en')}/s   ratio ${(r / h).toFixed(2)}× baseline`,
  );
  const pass = r >= RENDER_TARGET;
  console.log(`  target ≥ ${RENDER_TARGET.toLocaleString('en')}/s: ${pass ? 'PASS' : 'FAIL'}`);
  if (sink < 0) console.log(sink);
  if (!pass) process.exitCode = 1;
}

main();
