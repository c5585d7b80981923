import { describe, expect, it } from '@jest/globals';
import { buildDocument } from '../document/document.model.js';
import { line, page } from '../words.fixture.js';
import { buildCandidates, upToLegalForm } from './candidate.builder.js';

describe('buildCandidates: names', () => {
  it('offers a form of address alone only joined with the name under it', () => {
    const doc = buildDocument([
      page([
        ...line('Muster Werkzeuge GmbH', 60, 60),
        ...line('Herrn', 60, 200),
        ...line('Max Mustermann', 60, 222),
        ...line('Hauptstraße 12', 60, 244),
      ]),
    ]);
    const names = buildCandidates(doc).customerName.map((c) => c.value);
    expect(names).toContain('Herrn Max Mustermann');
    expect(names).toContain('Max Mustermann');
    expect(names).not.toContain('Herrn');
    expect(names).toContain('Muster Werkzeuge GmbH');
  });
});

describe('buildCandidates: names after a label and legal forms', () => {
  it('offers the words after a party label inside a line, up to the next label or a word ending in a colon', () => {
    const doc = buildDocument([
      page([...line('Address: Invoice For: Alpine Ski House', 60, 300), ...line('Client: Jan Jansen Adres: Straat 1', 60, 500)]),
    ]);
    const names = buildCandidates(doc).customerName.map((c) => c.value);
    expect(names).toContain('Alpine Ski House');
    expect(names).toContain('Jan Jansen');
  });

  it('keeps a line that starts with a one-word label whole, not one that starts with a label phrase', () => {
    const doc = buildDocument([
      page([...line('Lieferant GmbH', 60, 60), ...line('Bill to Jane Doe', 60, 300), ...line('Facturé à Jean Dupont', 60, 500)]),
    ]);
    const names = buildCandidates(doc).vendorName.map((c) => c.value);
    expect(names).toContain('Lieferant GmbH');
    expect(names).toContain('Jane Doe');
    expect(names).not.toContain('Bill to Jane Doe');
    expect(names).not.toContain('Facturé à Jean Dupont');
  });

  it("takes the rule reader's name as a candidate only when it is name-sized", () => {
    const doc = buildDocument([page(line('Au bon moulin SARL - 1242 chemin de l olive - 84340 Malaucène - France', 60, 60))]);
    const long = 'Au bon moulin SARL - 1242 chemin de l olive - 84340 Malaucène - France';
    const names = buildCandidates(doc, { vendorName: long }).vendorName.map((c) => c.value);
    expect(names).toContain('Au bon moulin SARL');
    expect(names).not.toContain(long);
    // Nor when it holds a document's title word.
    const title = 'Stylesheet Lesbarmachung der XML-Daten von ZUGFeRD-Rechnungen';
    const heading = buildDocument([page(line('Stylesheet zur Lesbarmachung der XML-Daten von ZUGFeRD 2.0-Rechnungen', 60, 60))]);
    expect(buildCandidates(heading, { vendorName: title }).vendorName.map((c) => c.value)).not.toContain(title);
  });

  it("offers the value after a key the lexicon does not know, not the key's line whole", () => {
    const doc = buildDocument([page([...line('Receptor', 60, 280), ...line('Nombre: DOE,JOHN', 60, 300)])]);
    const names = buildCandidates(doc).customerName.map((c) => c.value);
    expect(names).toContain('DOE,JOHN');
    // A key with a plural mark: "Titular(es):".
    const plural = buildDocument([page(line('Titular(es): Joao Da Silva', 60, 300))]);
    expect(buildCandidates(plural).customerName.map((c) => c.value)).toContain('Joao Da Silva');
    // A sentence after a colon is no name.
    const sentence = buildDocument([page(line('Hinweis: bitte zahlen Sie bald', 60, 300))]);
    expect(buildCandidates(sentence).customerName.map((c) => c.value)).not.toContain('bitte zahlen Sie bald');
  });

  it('takes no identifier for a name, and keeps a name with a few digits', () => {
    const doc = buildDocument([page([...line('Nummer : GE2020211', 60, 300), ...line('7-Eleven Stores', 60, 100)])]);
    const names = buildCandidates(doc).customerName.map((c) => c.value);
    expect(names).not.toContain('GE2020211');
    expect(names).toContain('7-Eleven Stores');
  });

  it("takes no item table's column label for a name", () => {
    const doc = buildDocument([page([...line('Artikelnr:', 60, 300), ...line('Omschrijving', 300, 300), ...line('Jan Jansen', 60, 100)])]);
    const names = buildCandidates(doc).customerName.map((c) => c.value);
    expect(names).toContain('Jan Jansen');
    expect(names).not.toContain('Artikelnr');
    expect(names).not.toContain('Artikelnr:');
    expect(names).not.toContain('Omschrijving');
  });

  it('joins no e-mail line under a name into it', () => {
    const doc = buildDocument([page([...line('Jane Doe', 60, 300), ...line('Email jane@example.com', 60, 320)])]);
    const names = buildCandidates(doc).customerName.map((c) => c.value);
    expect(names).toContain('Jane Doe');
    expect(names.some((n) => typeof n === 'string' && n.includes('@'))).toBe(false);
  });

  it('takes no key of what the extraction does not read, nor its value, for a name', () => {
    const doc = buildDocument([
      page([
        ...line('Customer VAT Number ESA12345674', 60, 300),
        ...line('Incoterms', 60, 322),
        ...line('Sales contact Tony Dubois', 60, 344),
        ...line('Hôtel Saint Denis', 60, 500),
      ]),
    ]);
    const names = buildCandidates(doc).customerName.map((c) => c.value);
    expect(names.filter((n) => /incoterms|tony|contact/i.test(String(n)))).toEqual([]);
    const reference = buildDocument([page([...line('Referentie : Hardewijk', 60, 300), ...line('Hôtel Saint Denis', 60, 500)])]);
    expect(
      buildCandidates(reference)
        .customerName.map((c) => String(c.value))
        .filter((n) => /referentie|hardewijk/i.test(n)),
    ).toEqual([]);
    expect(names).toContain('Hôtel Saint Denis');
  });

  it("takes no line holding a document's title word, nor a legal form alone, for a name", () => {
    const doc = buildDocument([
      page([
        ...line('Stylesheet zur Lesbarmachung der XML-Daten von ZUGFeRD 2.0-Rechnungen', 60, 100),
        ...line('Beitragsrechnung', 60, 140),
        ...line('Commercial invoices', 60, 180),
        ...line('GmbH', 60, 220),
        ...line('Manufacture Dupont SARL', 60, 300),
        ...line('Le Bon Marché', 60, 400),
      ]),
    ]);
    const names = buildCandidates(doc).vendorName.map((c) => String(c.value));
    expect(names.filter((n) => /stylesheet|rechnung|invoices|^gmbh$/i.test(n))).toEqual([]);
    // A word that only holds a title's letters ("Manufacture") or a short one ("Bon") stays a name.
    expect(names).toEqual(expect.arrayContaining(['Manufacture Dupont SARL', 'Le Bon Marché']));
  });

  it('takes no town line of an address for a name: postcode before the town, or state and ZIP code after it', () => {
    const doc = buildDocument([
      page([
        ...line('75001 Paris', 60, 100),
        ...line('D-12345 Berlin', 60, 200),
        ...line('1012 AB Amsterdam', 60, 300),
        ...line('North Trenton, OR 99377', 60, 400),
        ...line('Harbor & Hill', 60, 500),
        ...line('Studio 54 Records', 60, 600),
      ]),
    ]);
    const names = buildCandidates(doc).vendorName.map((c) => String(c.value));
    expect(names.filter((n) => /\d{4}/.test(n))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['Harbor & Hill', 'Studio 54 Records']));
  });

  it('takes no exclamation or question for a name', () => {
    const doc = buildDocument([page([...line('Have a great day!', 60, 300), ...line('Any questions?', 60, 400)])]);
    const names = buildCandidates(doc).customerName.map((c) => String(c.value));
    expect(names.filter((n) => /great day|questions/i.test(n))).toEqual([]);
  });

  it("takes no letter's closing line for a name, and keeps the signer's name under it", () => {
    const doc = buildDocument([
      page([...line('Best regards,', 60, 300), ...line('Julia Patel', 60, 320), ...line('Mit freundlichen Grüßen', 60, 400)]),
    ]);
    const names = buildCandidates(doc).customerName.map((c) => String(c.value));
    expect(names.filter((n) => /regards|grüßen/i.test(n))).toEqual([]);
    expect(names).toContain('Julia Patel');
  });

  it('takes no sentence after a party label for a name', () => {
    const doc = buildDocument([page(line('Bill to: pay by transfer to the account below', 60, 300))]);
    const names = buildCandidates(doc).customerName.map((c) => c.value);
    expect(names.some((n) => typeof n === 'string' && n.startsWith('pay by'))).toBe(false);
  });

  it('takes no title line with its number for a name', () => {
    const doc = buildDocument([page([...line('INVOICE FAC_2018_4181', 60, 60), ...line('Facture FA-2017-0010', 60, 100)])]);
    const names = buildCandidates(doc).vendorName.map((c) => c.value);
    expect(names.filter((n) => typeof n === 'string' && /\d/.test(n))).toEqual([]);
  });

  it('offers the first part of a letterhead line too long to be a name', () => {
    const doc = buildDocument([page(line('Muster Handel SARL - 1242 chemin des Oliviers - 84340 Malaucene - France', 60, 60))]);
    const names = buildCandidates(doc).vendorName.map((c) => c.value);
    expect(names).toContain('Muster Handel SARL');
  });

  it('offers a name cut after its legal form when a person follows it, and keeps a one-word place after it', () => {
    const doc = buildDocument([
      page([
        ...line('ELEKTRON Industrieservice GmbH Max Mustermann', 60, 60),
        ...line('Rohstoff AG Salzgitter', 60, 400),
        ...line('Marktstr. 153', 60, 422),
      ]),
    ]);
    const names = buildCandidates(doc).vendorName.map((c) => c.value);
    expect(names).toContain('ELEKTRON Industrieservice GmbH');
    expect(names).toContain('Rohstoff AG Salzgitter');
    expect(names).not.toContain('Rohstoff AG');
  });

  it('does not join a name with a "label: value" line under it', () => {
    const doc = buildDocument([page([...line('PROSPER NIAGA', 60, 60), ...line('COMPANY NO : SA0099552-P', 60, 80)])]);
    const names = buildCandidates(doc).vendorName.map((c) => c.value);
    expect(names).toContain('PROSPER NIAGA');
    expect(names.some((n) => typeof n === 'string' && n.startsWith('PROSPER NIAGA COMPANY'))).toBe(false);
  });

  it('does not join a "key: value" line with the name under it', () => {
    const doc = buildDocument([page([...line('Qualifizierung der Textart: REG', 60, 60), ...line('MUSTER-Autovermietung GMBH', 60, 80)])]);
    const names = buildCandidates(doc).vendorName.map((c) => c.value);
    expect(names).toContain('MUSTER-Autovermietung GMBH');
    expect(names.some((n) => typeof n === 'string' && n.includes('REG MUSTER'))).toBe(false);
  });
});

describe('upToLegalForm', () => {
  it.each([
    ['ELEKTRON Industrieservice GmbH Max Mustermann', 'ELEKTRON Industrieservice GmbH'],
    ['Verkehrsbetriebe GmbH Torti Mayer', 'Verkehrsbetriebe GmbH'],
    ['Grundbesitz GmbH & Co.', null],
    ['Rohstoff AG Salzgitter', null],
    ['Musterhafter Versicherungsverein a.G. Max Muster', 'Musterhafter Versicherungsverein a.G.'],
  ])('%s -> %s', (value, head) => expect(upToLegalForm(value)).toBe(head));
});
