import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { DEFAULT_PREPROCESS_LIMITS } from './preprocess.plan.js';
import type { GreyPixels } from './preprocess.page.js';
import { locateQrCodes, type QrRegion } from './qr.finder.js';

type JsQR = (typeof import('jsqr'))['default'];
// jsqr is CommonJS with `exports.default`; depending on the loader the default import is the function or the exports object.
const jsQR: JsQR = (jsQRModule as unknown as { default?: JsQR }).default ?? (jsQRModule as unknown as JsQR);

/**
 * The first look is at the whole page shrunk to this long side (about 0.4 MP). The generated invoices' codes (4 px
 * modules on 850 x 1100 pages) still decode at 600 px (12 of 12 measured); 700 keeps a margin.
 */
export const QR_OVERVIEW_SIDE = 700;
/** Regions and the thresholded page are read at most at this long side (page scale); bigger scans are shrunk first. */
export const QR_MAX_SIDE = 2000;
/** Pages whose long side is at most this have their regions read at 2x (small codes on low-resolution pages). */
export const QR_UPSCALE_MAX_SIDE = 1200;
/**
 * CPU time (this thread: the finder search, jsqr and the pixel copies, ms) after which no further look is started.
 * The first look always runs. A page without three finders that sit as a code's takes none (the finder search,
 * about 5 ms on a receipt photo, is all it costs); a located code is read from its own few hundred pixels; a page
 * whose finders fool the search costs the located look, the overview (jsqr takes about 26 ms on the 700 px
 * overview of an invoice on the 2-core development machine) and at most one more look. Callers that expect codes
 * elsewhere give a larger budget (`qrBudgetMs`).
 */
export const DEFAULT_QR_BUDGET_MS = 30;

export interface QrSearchOptions {
  /** See {@link DEFAULT_QR_BUDGET_MS}. */
  budgetMs?: number;
  /** Called with the name of each look taken (tests, measurements). */
  onLook?: (look: string) => void;
}

/** A part of the page in page pixels, read at `factor` (1 = page scale). */
interface Look {
  name: string;
  left: number;
  top: number;
  width: number;
  height: number;
  factor: number;
  threshold?: boolean;
}

/**
 * The looks, cheapest and likeliest first: the whole page shrunk to {@link QR_OVERVIEW_SIDE}; the four corners
 * (45% of each side: where invoices print their codes; top right first) at page scale, or 2x on small pages;
 * the whole page contrast-stretched and thresholded at mid-grey (low-contrast prints).
 */
export function qrLooks(width: number, height: number): Look[] {
  const long = Math.max(width, height);
  const overview = Math.min(1, QR_OVERVIEW_SIDE / long);
  const detail = long <= QR_UPSCALE_MAX_SIDE ? 2 : Math.min(1, QR_MAX_SIDE / long);
  const w = Math.round(width * 0.45);
  const h = Math.round(height * 0.45);
  const corner = (name: string, left: number, top: number): Look => ({ name, left, top, width: w, height: h, factor: detail });
  return [
    { name: 'overview', left: 0, top: 0, width, height, factor: overview },
    corner('top-right', width - w, 0),
    corner('bottom-right', width - w, height - h),
    corner('top-left', 0, 0),
    corner('bottom-left', 0, height - h),
    { name: 'threshold', left: 0, top: 0, width, height, factor: Math.min(1, QR_MAX_SIDE / long), threshold: true },
  ];
}

const threadCpuMs = (): number => {
  const usage = (process.threadCpuUsage ?? process.cpuUsage)();
  return (usage.user + usage.system) / 1000;
};

/** One look: the region cut and scaled by sharp, grey to RGBA for jsqr. */
async function readLook(page: GreyPixels, look: Look): Promise<string | null> {
  const raw = { raw: { width: page.width, height: page.height, channels: 1 as const } };
  let pipeline = sharp(page.data, raw).extract({ left: look.left, top: look.top, width: look.width, height: look.height });
  if (look.factor !== 1) {
    const kernel = look.factor > 1 ? 'nearest' : 'linear';
    pipeline = pipeline.resize(Math.max(1, Math.round(look.width * look.factor)), Math.max(1, Math.round(look.height * look.factor)), {
      fit: 'fill',
      kernel,
    });
  }
  if (look.threshold) pipeline = pipeline.normalise().threshold(128);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const rgba = new Uint8ClampedArray(info.width * info.height * 4);
  for (let i = 0, j = 0; i < info.width * info.height; i++, j += 4) {
    const v = data[i * info.channels] as number;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  const code = jsQR(rgba, info.width, info.height, { inversionAttempts: 'dontInvert' });
  return code && code.data !== '' ? code.data : null;
}

/** Modules of a located code are read at about this many pixels (jsqr reads 2 px modules; 4 keeps a margin). */
const REGION_MODULE_PX = 4;

/** The look at a region where three finders sit as a code's: the code alone, its modules at about 4 px. */
function regionLook(region: QrRegion): Look {
  const factor = Math.min(2, REGION_MODULE_PX / region.module);
  return { name: 'finders', ...region, factor: Math.abs(factor - 1) < 0.25 ? 1 : factor };
}

/**
 * Decodes the first QR code of a grey page, or returns null. A page where no three finder patterns sit as a
 * code's ({@link locateQrCodes}: one pass over its rows) holds no readable code and takes no look; on any other
 * page the located codes are read first (a few hundred pixels each), then the page as {@link qrLooks} lists
 * them, until one finds a code or the CPU budget is spent. Never throws: a missing QR code never fails an OCR job.
 */
export async function decodeQrGrey(page: GreyPixels, options: QrSearchOptions = {}): Promise<string | null> {
  const budget = options.budgetMs ?? DEFAULT_QR_BUDGET_MS;
  const started = threadCpuMs();
  try {
    const located = locateQrCodes(page);
    if (!located.mayHold) return null;
    const looks = [...located.regions.map(regionLook), ...qrLooks(page.width, page.height)];
    for (const [index, look] of looks.entries()) {
      if (index > 0 && threadCpuMs() - started > budget) break;
      options.onLook?.(look.name);
      const found = await readLook(page, look);
      if (found !== null) return found;
    }
  } catch {
    return null;
  }
  return null;
}

/** Decodes the first QR code of an encoded image (PNG, JPEG, ...): decoded to grey (shrunk to {@link QR_MAX_SIDE}), then {@link decodeQrGrey}. */
export async function decodeQr(image: Buffer, options: QrSearchOptions = {}): Promise<string | null> {
  try {
    const { data, info } = await sharp(image, { limitInputPixels: DEFAULT_PREPROCESS_LIMITS.maxInputPixels })
      .rotate()
      .flatten({ background: '#ffffff' })
      .greyscale()
      .resize(QR_MAX_SIDE, QR_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return await decodeQrGrey(
      { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height },
      options,
    );
  } catch {
    return null;
  }
}
