import { describe, expect, it } from '@jest/globals';
import { CLOSINGS, GREETINGS, SALUTATIONS, closesLetter, isSalutation, opensLetter } from './salutations.js';

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

describe('greetings', () => {
  it.each([...GREETINGS])('a line opening with "%s" and a name opens a letter', (greeting) => {
    expect(opensLetter(`${greeting} Anna,`)).toBe(true);
    expect(opensLetter(`${greeting.toUpperCase()} ANNA,`)).toBe(true);
    expect(opensLetter(`${greeting[0]!.toUpperCase()}${greeting.slice(1)} Anna Maria`)).toBe(true);
  });

  it.each(['Hi Sam', 'Dear Sir or Madam,', 'Sehr geehrte Damen und Herren,', 'Chère cliente,', 'Hello!'])(
    'reads "%s" as a greeting',
    (text) => {
      expect(opensLetter(text)).toBe(true);
    },
  );

  it.each(['Beste Preis GmbH Berlin Mitte Nord', 'Hilton Hotels', 'Dearborn Supplies Inc', 'HI TECH SUPPLIES', 'Muster GmbH', ''])(
    '"%s" opens no letter',
    (text) => {
      expect(opensLetter(text)).toBe(false);
    },
  );
});

describe('closings', () => {
  it.each([...CLOSINGS])('a line "%s" closes a letter', (closing) => {
    expect(closesLetter(closing)).toBe(true);
    expect(closesLetter(`${closing.toUpperCase()},`)).toBe(true);
  });

  it.each(['Best regards,', 'Mit freundlichen Grüßen', 'Met vriendelijke groet,', 'Cordialement.'])('reads "%s" as a closing', (text) => {
    expect(closesLetter(text)).toBe(true);
  });

  it.each(['Best regards, Julia', 'Regards Trading Ltd', 'Saluti Srl', 'Julia Patel', ''])('"%s" is no closing alone', (text) => {
    expect(closesLetter(text)).toBe(false);
  });
});
