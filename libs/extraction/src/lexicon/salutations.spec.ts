import { describe, expect, it } from '@jest/globals';
import { SALUTATIONS, isSalutation } from './salutations.js';

describe('salutations', () => {
  it.each([...SALUTATIONS])('"%s" is a form of address', (entry) => {
    expect(isSalutation(entry)).toBe(true);
  });

  it.each(['Herrn', 'Mme.', 'z. Hd.', 'SPETT.LE', 'Sr.', 'Dhr.', 'Señora'])('reads "%s" tolerantly', (text) => {
    expect(isSalutation(text)).toBe(true);
  });

  it.each(['Herrn Max Mustermann', 'Muster GmbH', 'Mr Smith', ''])('"%s" is not a form of address alone', (text) => {
    expect(isSalutation(text)).toBe(false);
  });
});
