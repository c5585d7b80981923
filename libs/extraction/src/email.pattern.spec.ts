import { describe, expect, it } from '@jest/globals';
import { EMAIL_IN_TEXT, isEmail } from './email.pattern.js';

describe('e-mail pattern', () => {
  it('finds an address inside a line and tells a whole address', () => {
    expect(EMAIL_IN_TEXT.exec('Contact: billing@acme-tools.co.uk, tel 0123')?.[0]).toBe('billing@acme-tools.co.uk');
    expect(isEmail('jean.dupont+factures@exemple.fr')).toBe(true);
    for (const text of ['billing@acme', 'mail: a@b.fr', 'a@b.c1', '@acme.com']) expect(isEmail(text)).toBe(false);
  });
});
