/**
 * Reads a Server-Sent Events stream over fetch (so the bearer token travels in a
 * header, which EventSource cannot do). One JSON document per `data:` line group.
 */
export interface SseHandle {
  close(): void;
  done: Promise<void>;
}

export function parseSseChunk(buffer: string): { events: string[]; rest: string } {
  const events: string[] = [];
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const data = block
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).replace(/^ /, ''));
    if (data.length) events.push(data.join('\n'));
  }
  return { events, rest };
}

export function openSse(
  fetchImpl: typeof fetch,
  url: string,
  headers: Record<string, string>,
  onEvent: (data: unknown) => void,
  onError: (message: string) => void,
): SseHandle {
  const ctrl = new AbortController();
  const done = (async () => {
    try {
      const res = await fetchImpl(url, { headers: { ...headers, accept: 'text/event-stream' }, signal: ctrl.signal });
      if (!res.ok || !res.body) {
        onError(`The preview could not connect (HTTP ${res.status}).`);
        return;
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buf += decoder.decode(value, { stream: true });
        const { events, rest } = parseSseChunk(buf);
        buf = rest;
        for (const e of events) {
          try {
            onEvent(JSON.parse(e));
          } catch {
            // A keep-alive or malformed line: not worth interrupting the chat for.
          }
        }
      }
    } catch (e) {
      if (!ctrl.signal.aborted) onError('The preview lost its connection to the server.');
      void e;
    }
  })();
  return { close: () => ctrl.abort(), done };
}
