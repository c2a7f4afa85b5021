/**
 * The number of data rows in a CSV file (lines after the header, blank lines not counted), read
 * in chunks so a 100 MB file is never held whole: the import's progress bar needs a total. Quoted
 * line breaks make it an estimate, which a progress bar can live with.
 */
export async function countDataRows(file: Blob): Promise<number> {
  let lines = 0;
  let lastWasBreak = true;
  const count = (chunk: Uint8Array) => {
    for (const byte of chunk) {
      if (byte === 10) {
        if (!lastWasBreak) lines++;
        lastWasBreak = true;
      } else if (byte !== 13) lastWasBreak = false;
    }
  };
  if (typeof file.stream === 'function') {
    const reader = file.stream().getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      count(value);
    }
  } else {
    count(new Uint8Array(await file.arrayBuffer()));
  }
  if (!lastWasBreak) lines++;
  return Math.max(0, lines - 1);
}
