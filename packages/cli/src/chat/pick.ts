/**
 * `parley chat` without a flow, on a terminal: lists the flows in flows/ and asks which one,
 * so a newcomer's first command needs no path.
 */
import { createInterface } from 'node:readline';
import { basename } from 'node:path';
import { UsageError } from '../errors';
import { collectFiles, displayPath } from '../files';
import { FLOW_SUFFIX, loadFlowFile } from '../flows';
import type { Io, Paint } from '../io';

export async function pickFlow(io: Io, paint: Paint): Promise<string> {
  const files = collectFiles(['flows'], FLOW_SUFFIX, io.cwd);
  if (files.length === 0) throw new UsageError('parley chat: no flows in flows/; give a flow file, e.g. parley chat my.flow.json');
  io.stdout(paint('bold', 'Which flow do you want to talk to?\n'));
  files.forEach((path, index) => {
    const name = loadFlowFile(path, io.cwd).flow?.name ?? '(has errors: see parley validate)';
    io.stdout(`  ${paint('bold', `${index + 1}.`)} ${basename(path, FLOW_SUFFIX)} ${paint('dim', `— ${name}`)}\n`);
  });
  const reader = createInterface({ input: io.stdin, ...(io.terminal ? { output: io.terminal } : {}), terminal: Boolean(io.terminal) });
  try {
    const answer = await new Promise<string>((resolve) => {
      reader.question(paint('green', 'number › '), resolve);
      reader.once('close', () => resolve(''));
    });
    const choice = files[Number(answer.trim()) - 1];
    if (!choice) throw new UsageError(`parley chat: "${answer.trim()}" is not one of 1–${files.length}`);
    io.stdout(paint('dim', `  · parley chat ${displayPath(choice, io.cwd)}\n`));
    return choice;
  } finally {
    reader.close();
  }
}
