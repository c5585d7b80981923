import { describe, expect, it } from '@jest/globals';
import { hasFinePointer } from './pointer.js';

describe('hasFinePointer', () => {
  it('asks for a pointer that hovers and is fine', () => {
    const asked: string[] = [];
    expect(hasFinePointer((query) => (asked.push(query), { matches: true }))).toBe(true);
    expect(asked).toEqual(['(hover: hover) and (pointer: fine)']);
  });

  it('is false on a touch screen', () => {
    expect(hasFinePointer(() => ({ matches: false }))).toBe(false);
  });

  it('is true where media queries cannot be asked', () => {
    expect(hasFinePointer(undefined)).toBe(true);
  });
});
