/**
 * Whether a dedupe marker (`job:<conv>:<request>`, `campaign:<tenant>:<campaign>:<contact id>`…)
 * names a conversation or one of the extra terms, as a whole `:`-separated part: conversation
 * `t:whatsapp:155` must not match the marker of `t:whatsapp:1555`.
 */
export function namesConversation(marker: string, conv: string, terms: readonly string[] = []): boolean {
  const padded = `:${marker}:`;
  if (padded.includes(`:${conv}:`)) return true;
  return terms.some((term) => term !== '' && padded.includes(`:${term}:`));
}
