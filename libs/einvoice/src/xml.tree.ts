import { SaxesParser, type SaxesTagNS } from 'saxes';

/** One element: its local name and namespace, attributes by local name, child elements, and its own text. */
export interface XmlElement {
  name: string;
  namespace: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export interface XmlLimits {
  /** Bytes of the document (a bigger one is refused before it is parsed). */
  maxBytes: number;
  /** Nesting depth of elements. */
  maxDepth: number;
  /** Elements in all. */
  maxElements: number;
}

/** E-invoices are a few kilobytes to a few megabytes; the biggest samples nest 12 levels. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 10 * 1024 * 1024, maxDepth: 64, maxElements: 500_000 };

export type XmlErrorCode = 'XML_FORBIDDEN' | 'XML_MALFORMED' | 'XML_TOO_LARGE' | 'XML_TOO_DEEP';

/** An XML document that is refused: malformed, over a limit, or carrying a DTD (entities are never expanded). */
export class XmlInputError extends Error {
  constructor(
    readonly code: XmlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'XmlInputError';
  }
}

const ENCODINGS = new Set([
  'utf-8',
  'utf8',
  'iso-8859-1',
  'latin1',
  'windows-1252',
  'us-ascii',
  'ascii',
  'iso-8859-15',
  'utf-16le',
  'utf-16be',
  'utf-16',
]);

/** The bytes as text: a UTF-16 or UTF-8 byte order mark wins, else the declaration's encoding when it is a known one, else UTF-8. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1]?.toLowerCase();
  const label = declared && ENCODINGS.has(declared) && !declared.startsWith('utf-16') ? declared : 'utf-8';
  return new TextDecoder(label).decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * Parses an XML document into a tree, safely: a DOCTYPE (so any DTD, internal entity or external entity) is
 * refused outright, only the five predefined entities and character references are read (an unknown entity is
 * an error, never expanded, never fetched), and size, depth and element count are capped.
 */
export function parseXml(input: Uint8Array | string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > limits.maxBytes) throw new XmlInputError('XML_TOO_LARGE', `XML is ${size} bytes, more than the ${limits.maxBytes} accepted`);
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeXml(input);
  // Before the parser sees anything: no declaration of any kind, whatever the parser would make of it.
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new XmlInputError('XML_FORBIDDEN', 'XML with a DOCTYPE or ENTITY declaration is refused (DTDs and entities are not processed)');

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  let failure: XmlInputError | null = null;
  const fail = (error: XmlInputError) => {
    failure ??= error;
    throw error;
  };
  parser.on('error', (err) => fail(new XmlInputError('XML_MALFORMED', `XML is not well-formed: ${err.message}`)));
  parser.on('doctype', () => fail(new XmlInputError('XML_FORBIDDEN', 'XML with a DOCTYPE is refused')));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++elements > limits.maxElements) fail(new XmlInputError('XML_TOO_LARGE', `XML has more than ${limits.maxElements} elements`));
    if (stack.length >= limits.maxDepth) fail(new XmlInputError('XML_TOO_DEEP', `XML nests deeper than ${limits.maxDepth} elements`));
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes))
      if (attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns') attributes[attribute.local] = attribute.value;
    const element: XmlElement = { name: tag.local, namespace: tag.uri, attributes, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    // saxes reports a self-closing tag's close too.
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  const addText = (t: string) => {
    const current = stack.at(-1);
    if (current) current.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(text).close();
  } catch (err) {
    if (failure) throw failure;
    throw new XmlInputError('XML_MALFORMED', `XML is not well-formed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!root) throw new XmlInputError('XML_MALFORMED', 'XML has no root element');
  return root;
}
