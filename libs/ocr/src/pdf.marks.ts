/**
 * What a PDF page draws besides its text, read from pdf.js's operator list without drawing anything: the boxes
 * its images land in (page points, through the transforms and form XObjects around them) and how much vector path
 * it draws. A page read from its text layer is drawn for the QR search (about 95 ms of CPU at 150 dpi, five times
 * the cost of its text) only when it may show a code: a square image, an image large enough to hold one (a scan
 * with a text layer), or enough vector path for a code drawn as rectangles (a Swiss QR bill).
 */

/** The pdf.js operator codes this file reads (`OPS` of pdfjs-dist). */
export interface PdfOpCodes {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  constructPath: number;
  paintImageXObjectRepeat: number;
  /** Every operator that paints an image (XObject, inline, mask, groups, repeats). */
  images: ReadonlySet<number>;
}

export interface PageMarks {
  /** Width and height, points, of each image as drawn; null for an image drawn in several places (a group). */
  images: ({ width: number; height: number } | null)[];
  /** Numbers in the page's vector paths (pdf.js's path data: about 13 per rectangle). */
  pathNumbers: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` applied after `ctm` (PDF's `cm`: the new matrix is m x ctm). */
const multiply = (m: Matrix, ctm: Matrix): Matrix => [
  m[0] * ctm[0] + m[1] * ctm[2],
  m[0] * ctm[1] + m[1] * ctm[3],
  m[2] * ctm[0] + m[3] * ctm[2],
  m[2] * ctm[1] + m[3] * ctm[3],
  m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
  m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
];

const asMatrix = (value: unknown): Matrix | null =>
  Array.isArray(value) && value.length === 6 && value.every((v) => typeof v === 'number') ? (value as Matrix) : null;

/** The unit square under `ctm` (an image's place): the size of its bounding box. */
function unitSquare(ctm: Matrix): { width: number; height: number } {
  const xs = [0, ctm[0], ctm[2], ctm[0] + ctm[2]];
  const ys = [0, ctm[1], ctm[3], ctm[1] + ctm[3]];
  return { width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

/** The length of a constructPath's path data (pdf.js 5: `[op, [data], minMax]`), 0 when it has another shape. */
function pathLength(args: unknown): number {
  const data = Array.isArray(args) ? (args[1] as unknown) : null;
  const first = Array.isArray(data) ? (data[0] as unknown) : null;
  return first && typeof (first as { length?: unknown }).length === 'number' ? (first as { length: number }).length : 0;
}

/** The page's images and vector path size, from its operator list (`fnArray`, `argsArray`). */
export function pageMarks(fnArray: readonly number[], argsArray: readonly unknown[], ops: PdfOpCodes): PageMarks {
  const marks: PageMarks = { images: [], pathNumbers: 0 };
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.transform) ctm = multiply(asMatrix(args) ?? IDENTITY, ctm);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      ctm = multiply(asMatrix(args?.[0]) ?? IDENTITY, ctm);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.constructPath) marks.pathNumbers += pathLength(args);
    else if (fn === ops.paintImageXObjectRepeat) marks.images.push(null);
    else if (ops.images.has(fn)) marks.images.push(unitSquare(ctm));
  });
  return marks;
}

/** An image this close to square (either way) may be a code with its quiet zone. */
const SQUARE = 1.3;
/** A code is at least this wide on paper, points (1 cm): smaller squares are icons. */
const MIN_CODE_SIDE = 28;
/** An image covering at least this share of the page may hold a code anywhere (a scan under a text layer). */
const LARGE_IMAGE_SHARE = 1 / 6;
/** Vector paths with at least this many numbers may draw a code (a version 1 code is about 200 rectangles). */
const CODE_PATH_NUMBERS = 1500;

/** Whether a page of `pageArea` square points drawing `marks` may show a QR code (see the file's comment). */
export function mayShowQrCode(marks: PageMarks, pageArea: number): boolean {
  if (marks.pathNumbers >= CODE_PATH_NUMBERS) return true;
  return marks.images.some((box) => {
    if (box === null) return true;
    const [short, long] = box.width < box.height ? [box.width, box.height] : [box.height, box.width];
    return (long <= SQUARE * short && short >= MIN_CODE_SIDE) || box.width * box.height >= LARGE_IMAGE_SHARE * pageArea;
  });
}
