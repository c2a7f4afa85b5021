import { describe, expect, it } from 'vitest';
import { guessMapping, mappingProblems, parseCsvHead, toImportMapping } from './csv';
import { countDataRows } from './countRows';

describe('parseCsvHead', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, CRLF, and a BOM', () => {
    const text = '\uFEFFphone,name,note\r\n+351911111111,"Silva, João","said ""hi""\r\ntwice"\r\n+351922222222,Rui,\r\n';
    expect(parseCsvHead(text)).toEqual({
      headers: ['phone', 'name', 'note'],
      rows: [
        ['+351911111111', 'Silva, João', 'said "hi"\r\ntwice'],
        ['+351922222222', 'Rui', ''],
      ],
      delimiter: ',',
    });
  });

  it('finds a semicolon or tab delimiter, stops after maxRows, and keeps a cut last line out unless the file is complete', () => {
    expect(parseCsvHead('a;b\n1;2\n3;4\n5;6\n', 2).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseCsvHead('a\tb\n1\t2').delimiter).toBe('\t');
    expect(parseCsvHead('a,b\n1,2\n3,').rows).toEqual([['1', '2']]);
    expect(parseCsvHead('a,b\n1,2\n3,', 20, true).rows).toEqual([
      ['1', '2'],
      ['3', ''],
    ]);
  });
});

describe('guessMapping', () => {
  it('maps common headers in several languages, custom fields by key or label, each attribute once', () => {
    expect(
      guessMapping(
        ['Telefone', 'Nome', 'Idioma', 'Tags', 'Marketing opt-in', 'Consent wording', 'Opted in at', 'Loyalty Plan', 'Mobile', 'Notes'],
        [{ key: 'plan', label: 'Loyalty plan' }],
      ),
    ).toEqual(['phone', 'name', 'language', 'tags', 'consent.marketing', 'consent.wording', 'consent.at', 'fields.plan', '', '']);
  });
});

describe('mappingProblems / toImportMapping', () => {
  const headers = ['Mobile', 'Name', 'Opt-in', 'Other'];
  it('needs a phone column, one column per attribute, and wording for marketing consent', () => {
    expect(mappingProblems(['', 'name', 'name', ''], headers, '')).toEqual([
      'Map one column to Phone number: it is how contacts are matched.',
      'Columns “Name” and “Opt-in” are both mapped to name; keep one.',
    ]);
    expect(mappingProblems(['phone', 'name', 'consent.marketing', ''], headers, ' ')).toHaveLength(1);
    expect(mappingProblems(['phone', 'name', 'consent.marketing', ''], headers, 'Offers on WhatsApp')).toEqual([]);
    expect(mappingProblems(['phone', 'name', 'consent.marketing', 'consent.wording'], headers, '')).toEqual([]);
  });
  it('sends ignored columns as ignore', () => {
    expect(toImportMapping(headers, ['phone', 'name', '', ''])).toEqual({
      Mobile: 'phone',
      Name: 'name',
      'Opt-in': 'ignore',
      Other: 'ignore',
    });
  });
});

describe('countDataRows', () => {
  it('counts lines after the header, blank lines and a missing final newline included correctly', async () => {
    expect(await countDataRows(new Blob(['a,b\n1,2\n\n3,4']))).toBe(2);
    expect(await countDataRows(new Blob(['a,b\r\n1,2\r\n3,4\r\n']))).toBe(2);
    expect(await countDataRows(new Blob(['a,b\n']))).toBe(0);
  });
});
