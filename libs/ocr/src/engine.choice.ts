/**
 * Which reading of a text line to keep when tesseract read it with low confidence and PP-OCR read it again.
 * Pure: the Latin filter first (a PP-OCR reading that lost characters to it is not Latin text), tesseract's when both
 * read the same characters (its blanks), then value shapes (a reading in which more tokens parse as an amount or a
 * date wins, since those are what the extraction looks for), then confidence.
 */

export interface LineReading {
  text: string;
  /** 0..100. */
  confidence: number;
}

export interface SecondReading extends LineReading {
  /** Non-Latin characters PP-OCR read and the filter dropped. */
  dropped: number;
}

export type EngineChoice = { engine: 'tesseract' | 'ppocr'; reason: 'empty' | 'not-latin' | 'spacing' | 'shape' | 'confidence' };

const AMOUNT = /^[-(]?[$€£¥]?\d{1,3}(?:[.,\s]?\d{3})*[.,]\d{2}\)?[$€£]?$/;
const DATE = /^(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{2}|\d{4})|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]?[A-Za-z]{3}[-/.]?\d{2,4})$/;

/** Tokens of a line (split on spaces, outer punctuation trimmed) that read as an amount or a date. */
export function valueShapes(text: string): number {
  let count = 0;
  for (const raw of text.split(/\s+/)) {
    const token = raw.replace(/^[:;,'"]+|[:;,'"]+$/g, '').replace(/^(?:RM|EUR|USD|MYR)/i, '');
    if (token && (AMOUNT.test(token) || DATE.test(token))) count++;
  }
  return count;
}

/** Keep the reading of tesseract or PP-OCR for one line. `dropShare`: share of dropped characters that marks PP-OCR's reading as not Latin. */
export function chooseLineReading(tess: LineReading, ppocr: SecondReading, dropShare = 0.2): EngineChoice {
  const ppChars = ppocr.text.replace(/\s/g, '').length;
  if (ppChars === 0) return { engine: 'tesseract', reason: 'empty' };
  if (ppocr.dropped > 0 && ppocr.dropped >= dropShare * (ppChars + ppocr.dropped)) return { engine: 'tesseract', reason: 'not-latin' };
  // The same characters with other blanks: PP-OCR infers blanks from the gaps between characters and glues Latin
  // words ("Greentea"), tesseract splits words from the page's layout.
  if (ppocr.text.replace(/\s/g, '') === tess.text.replace(/\s/g, '')) return { engine: 'tesseract', reason: 'spacing' };
  const shapesTess = valueShapes(tess.text);
  const shapesPp = valueShapes(ppocr.text);
  if (shapesPp !== shapesTess) return { engine: shapesPp > shapesTess ? 'ppocr' : 'tesseract', reason: 'shape' };
  return { engine: ppocr.confidence >= tess.confidence ? 'ppocr' : 'tesseract', reason: 'confidence' };
}
