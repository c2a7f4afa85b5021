/** `parley compile <flow>`: the compiled XState machine config and statistics, as JSON. */
import { resolve } from 'node:path';
import { compileFlow } from '@parley/flow';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { requireFlow } from '../flows';
import { EXIT_OK, type Io } from '../io';

export const COMPILE_HELP = `Usage: parley compile <flow> [options]

Compiles a flow to the XState v5 machine the engine runs and prints, as JSON:
  stats   node count, state count per kind (transient, user-wait, system-wait, …),
          compile time in ms and the content hash (the cache key)
  states  the machine configuration (guards and actions by name, no functions)

Options:
  --stats       print only the statistics
  -h, --help    show this help
`;

export async function runCompile(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('compile', argv, { stats: { type: 'boolean' } });
  if (args.values.help) {
    io.stdout(COMPILE_HELP);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    throw new UsageError('parley compile: give exactly one flow file, e.g. parley compile flows/support-faq.flow.json');
  const flow = requireFlow(resolve(io.cwd, args.positionals[0]!), io.cwd);
  const started = performance.now();
  const result = compileFlow(flow);
  const compileMs = performance.now() - started;
  if (!result.compiled) {
    const error = result.error;
    throw new CliError(`${args.positionals[0]}:${error.path ?? ''}${error.nodeId ? ` [${error.nodeId}]` : ''} error ${error.message}`);
  }
  const { compiled } = result;
  const kinds: Record<string, number> = {};
  for (const key of Object.keys(compiled.states)) {
    const kind = compiled.kindOf(key);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  const stats = {
    flow: flow.id,
    revision: flow.revision,
    hash: compiled.hash,
    nodes: flow.nodes.length,
    states: Object.keys(compiled.states).length,
    kinds,
    compileMs: Math.round(compileMs * 100) / 100,
  };
  io.stdout(`${JSON.stringify(args.values.stats ? { stats } : { stats, states: compiled.states }, null, 2)}\n`);
  return EXIT_OK;
}
