import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { findNul, NulTextPipe } from './nul-text.pipe.js';

describe('NUL characters in requests', () => {
  it('finds the path of the first NUL in nested values and keys', () => {
    expect(findNul({ lineItems: [{ description: 'ok' }, { description: 'a\u0000b' }] })).toBe('lineItems.1.description');
    expect(findNul({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(findNul('\u0000')).toBe('(value)');
    expect(findNul({ a: 'fine', b: [1, null, true] })).toBeNull();
  });

  it('refuses a query, parameter or body holding one with a 400 that names where', () => {
    const pipe = new NulTextPipe();
    expect(() => pipe.transform({ q: 'x\u0000' }, { type: 'query' })).toThrow(
      new BadRequestException('query q: must not contain NUL characters'),
    );
    expect(() => pipe.transform('id\u0000', { type: 'param', data: 'documentId' })).toThrow(BadRequestException);
    expect(pipe.transform({ q: 'x' }, { type: 'query' })).toEqual({ q: 'x' });
    expect(pipe.transform({ user: 'a\u0000' }, { type: 'custom' })).toEqual({ user: 'a\u0000' });
  });
});
