import { describe, expect, it } from '@jest/globals';
import { parseXml, XmlInputError } from './xml.tree.js';
import { readEInvoice } from './einvoice.reader.js';

const code = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof XmlInputError ? err.code : `not an XmlInputError: ${String(err)}`;
  }
};

const CII = (inner: string) =>
  `<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"><rsm:ExchangedDocument><ram:ID>${inner}</ram:ID></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>`;

describe('parseXml refuses hostile XML', () => {
  it('XXE: an external entity reading a server file is refused before any parsing', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${CII('&xxe;')}`;
    expect(code(() => readEInvoice(xxe))).toBe('XML_FORBIDDEN');
  });

  it('billion laughs: nested entity declarations are refused', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>${CII('&lol3;')}`;
    expect(code(() => readEInvoice(lol))).toBe('XML_FORBIDDEN');
  });

  it('a DOCTYPE without entities, and a lower-case one, are refused too', () => {
    expect(code(() => parseXml('<!DOCTYPE html><html/>'))).toBe('XML_FORBIDDEN');
    expect(code(() => parseXml('<!doctype r SYSTEM "http://example.com/r.dtd"><r/>'))).toBe('XML_FORBIDDEN');
  });

  it('an undeclared entity is an error, never expanded', () => {
    expect(code(() => readEInvoice(CII('&xxe;')))).toBe('XML_MALFORMED');
  });

  it('the predefined entities and character references are read', () => {
    expect(readEInvoice(CII('A&amp;B &#169; &lt;1&gt;')).invoiceNumber).toBe('A&B © <1>');
  });

  it('deep nesting is cut at the depth limit', () => {
    const deep = `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`;
    expect(code(() => parseXml(deep))).toBe('XML_TOO_DEEP');
    expect(code(() => parseXml(`${'<a>'.repeat(10)}${'</a>'.repeat(10)}`, { maxBytes: 1000, maxDepth: 5, maxElements: 100 }))).toBe(
      'XML_TOO_DEEP',
    );
  });

  it('a huge file is refused by its size before parsing, and many elements by their count', () => {
    const huge = Buffer.alloc(11 * 1024 * 1024, 0x20);
    huge.write('<a>', 0);
    expect(code(() => parseXml(huge))).toBe('XML_TOO_LARGE');
    expect(code(() => parseXml(`<r>${'<b/>'.repeat(200)}</r>`, { maxBytes: 10_000, maxDepth: 10, maxElements: 100 }))).toBe(
      'XML_TOO_LARGE',
    );
  });

  it('malformed XML is a clear error', () => {
    expect(code(() => parseXml('<a><b></a>'))).toBe('XML_MALFORMED');
    expect(code(() => parseXml('<a>'))).toBe('XML_MALFORMED');
    expect(code(() => parseXml(''))).toBe('XML_MALFORMED');
    expect(code(() => parseXml('<a/><b/>'))).toBe('XML_MALFORMED');
  });

  it('reads Latin-1 when the declaration says so', () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>'),
      Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]),
      Buffer.from('</a>'),
    ]);
    expect(parseXml(bytes).text).toBe('Müller');
  });
});
