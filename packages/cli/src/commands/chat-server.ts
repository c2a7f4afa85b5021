/**
 * `parley chat <flowId | flow file> --server <url>`: the chat through a running runtime's
 * simulator API. A flow file is sent as an unsaved draft; an id chats with the published flow.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Flow } from '@parley/flow';
import { stringOption, type Parsed } from '../args';
import { RuntimeClient } from '../chat/runtime-client';
import { ServerChatSession } from '../chat/server-session';
import { UsageError } from '../errors';
import { requireFlow } from '../flows';
import { painter, type Io } from '../io';

/** Options of local chat that the runtime's simulator does not take. */
const LOCAL_ONLY = ['allow-http', 'params', 'language', 'name', 'no-vectors'] as const;
const FLOW_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export async function runServerChat(args: Parsed, io: Io): Promise<number> {
  const server = parseServerUrl(stringOption(args, 'server') ?? '');
  const localOnly = LOCAL_ONLY.filter((name) => args.values[name] !== undefined);
  if (localOnly.length > 0) {
    throw new UsageError(
      `parley chat: ${localOnly.map((name) => `--${name}`).join(', ')} only work without --server (the runtime does its own HTTP calls, understanding and contact)`,
    );
  }
  if (args.positionals.length !== 1) {
    throw new UsageError(
      'parley chat --server: give exactly one flow, an id (e.g. order-status) or a flow file (e.g. flows/order-status.flow.json)',
    );
  }
  const target = chooseTarget(args.positionals[0]!, io);
  const token = stringOption(args, 'token') ?? io.env.PARLEY_ADMIN_TOKEN;
  const paint = painter(io.color);
  const client = new RuntimeClient(server, token || undefined);
  const what = target.flow ? `the draft of "${target.flow.name}" (${target.flowId})` : `the published flow "${target.flowId}"`;
  const banner =
    paint('bold', `Chatting with ${what} through ${server}.`) +
    paint('dim', ' Numbers pick a choice; /help lists commands, /quit leaves.\n');
  return new ServerChatSession(client, target, io, paint).run(banner);
}

function parseServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`parley chat: --server must be the runtime's URL, e.g. http://127.0.0.1:3000; got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`parley chat: --server must be an http:// or https:// URL; got "${text}"`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** An existing file is a draft to run; otherwise the argument must be a flow id. */
function chooseTarget(argument: string, io: Io): { flowId: string; flow?: Flow } {
  const path = resolve(io.cwd, argument);
  if (existsSync(path)) {
    const flow = requireFlow(path, io.cwd);
    return { flowId: flow.id, flow };
  }
  if (FLOW_ID.test(argument)) return { flowId: argument };
  throw new UsageError(`parley chat: "${argument}" is neither a file nor a flow id (lowercase letters, digits, - and _)`);
}
