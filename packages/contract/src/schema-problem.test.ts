import { describe, expect, it } from 'vitest';
import { schemaProblem } from './schema-problem';

describe('schemaProblem', () => {
  it('names the missing field and says it is required', () => {
    expect(schemaProblem({ keyword: 'required', params: { missingProperty: 'text' } })).toEqual({ field: 'text', problem: 'is required' });
  });
  it('says which field is unknown, which type is expected and which values are allowed', () => {
    expect(schemaProblem({ keyword: 'additionalProperties', params: { additionalProperty: 'sendd' } }).problem).toBe(
      'has an unknown field "sendd"',
    );
    expect(schemaProblem({ keyword: 'type', params: { type: 'string' } }).problem).toBe('must be string');
    expect(schemaProblem({ keyword: 'type', params: { type: 'null' } }).problem).toBe('must be absent');
    expect(schemaProblem({ keyword: 'enum', params: { allowedValues: ['a', 'b'] } }).problem).toBe('must be one of ["a","b"]');
  });
  it('points a bad tag of a tagged union at its type field', () => {
    expect(schemaProblem({ keyword: 'discriminator', params: { tagValue: 'fax' } })).toEqual({
      field: 'type',
      problem: 'must be one of the known types (got "fax")',
    });
  });
  it('falls back to the validator message, then to the keyword', () => {
    expect(schemaProblem({ keyword: 'pattern', params: {}, message: 'must match pattern "^a"' }).problem).toBe('must match pattern "^a"');
    expect(schemaProblem({ keyword: 'oddity', params: {} }).problem).toBe('does not match the schema (oddity)');
  });
});
