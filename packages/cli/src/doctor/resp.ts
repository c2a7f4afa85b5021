/**
 * Just enough of the Redis protocol (RESP2) for `parley doctor`: send a command, read one
 * reply. The CLI must not import the runtime (where ioredis lives) and has no Redis client of
 * its own; AUTH, SELECT, PING, GET and EXISTS are all the checks need.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

export type RespReply = string | number | null | RespError | RespReply[];

/** An error reply (`-ERR …`, `-MOVED …`): Redis answered, the command failed. */
export class RespError {
  constructor(readonly message: string) {}
}

export interface RespConnection {
  command(...args: string[]): Promise<RespReply>;
  close(): void;
}

/** Parses one reply at `offset`; undefined when the buffer does not hold all of it yet. */
export function parseReply(buffer: Buffer, offset = 0): { value: RespReply; next: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[offset] ?? 0);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, next };
    case '-':
      return { value: new RespError(line), next };
    case ':':
      return { value: Number(line), next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), next: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next };
      const items: RespReply[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, at);
        if (!item) return undefined;
        items.push(item.value);
        at = item.next;
      }
      return { value: items, next: at };
    }
    default:
      throw new Error(`unexpected Redis reply (type byte ${JSON.stringify(type)})`);
  }
}

export function encodeCommand(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** Opens a connection (TLS for rediss:); rejects with the socket error or after `timeoutMs`. */
export function openResp(host: string, port: number, options: { tls: boolean; timeoutMs: number }): Promise<RespConnection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = options.tls ? connectTls({ host, port, servername: host }) : connectTcp({ host, port });
    socket.setTimeout(options.timeoutMs);
    let buffer = Buffer.alloc(0);
    const waiting: Array<{ resolve: (r: RespReply) => void; reject: (e: Error) => void }> = [];
    const failAll = (error: Error): void => {
      for (const w of waiting.splice(0)) w.reject(error);
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let reply = parseReply(buffer); reply && waiting.length > 0; reply = parseReply(buffer)) {
        buffer = buffer.subarray(reply.next);
        waiting.shift()?.resolve(reply.value);
      }
    });
    socket.on('timeout', () => {
      const error = new Error(`no answer within ${options.timeoutMs} ms`);
      failAll(error);
      reject(error);
      socket.destroy();
    });
    socket.on('error', (error) => {
      failAll(error);
      reject(error);
    });
    socket.on('close', () => failAll(new Error('connection closed')));
    socket.once(options.tls ? 'secureConnect' : 'connect', () =>
      resolve({
        command: (...args) =>
          new Promise<RespReply>((ok, fail) => {
            waiting.push({ resolve: ok, reject: fail });
            socket.write(encodeCommand(args));
          }),
        close: () => socket.destroy(),
      }),
    );
  });
}
