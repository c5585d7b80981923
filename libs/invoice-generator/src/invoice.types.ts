import type { LineItem } from '@invoice/contracts';

export type InvoiceLanguage = 'en' | 'fr';

/** Ground truth of one synthetic invoice, as written next to the image (`<name>.json`). */
export interface InvoiceGroundTruth {
  invoiceNumber: string;
  /** YYYY-MM-DD */
  issueDate: string;
  /** HH:MM:SS */
  issueTime: string;
  customerName: string;
  customerEmail: string | null;
  customerAddressLine1: string;
  customerAddressLine2: string;
  /** 5 digits. */
  customerId: string;
  /** One letter, A to E. */
  customerCategory: string;
  currency: 'EUR';
  lineItems: LineItem[];
  total: number;
  language: InvoiceLanguage;
}

export interface GenerateOptions {
  /** Defaults to 'en'. */
  language?: InvoiceLanguage;
  /** Print a customer email line. Defaults to false. */
  withEmail?: boolean;
}

export const FONT_FAMILIES = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Condensed'] as const;
export type FontFamily = (typeof FONT_FAMILIES)[number];

/** Visual parameters of one rendering; derived from a seed unless given. */
export interface InvoiceVariation {
  fontFamily: FontFamily;
  /** px, the `INVOICE <number>` heading. */
  titleSize: number;
  /** px, issue date, customer and item lines. */
  bodySize: number;
  /** px, the address lines. */
  smallSize: number;
  marginX: number;
  marginY: number;
  /** Degrees, clockwise; about -1..1. */
  rotationDeg: number;
  /** Amplitude of the grey noise (+-, triangular): 0 (none) to 6 by default. */
  noise: number;
  /**
   * Where the noise goes. 'paper' (default): only on background pixels (grain of the paper), the glyphs
   * stay as rendered. 'full': on every pixel, glyph edges included; a stress test: measured with the
   * tesseract pipeline of libs/ocr, even amplitude 2 makes it misread the monospace item column on
   * about 1 page in 5.
   */
  noiseMode: 'paper' | 'full';
  /** 70..95, used when the format is jpeg. */
  jpegQuality: number;
  /** Company name shown beside the logo shapes. */
  companyName: string;
  /** Logo accent colour, #rrggbb. */
  logoColor: string;
}

export type ImageFormat = 'png' | 'jpeg';

export interface RenderOptions {
  format?: ImageFormat;
  /** Overrides for the seed-derived variation. */
  variation?: Partial<InvoiceVariation>;
  /** Seed of the variation; defaults to a hash of the ground truth. */
  seed?: number;
}

export interface GeneratedInvoice {
  truth: InvoiceGroundTruth;
  image: Buffer;
  mimeType: 'image/png' | 'image/jpeg';
  variation: InvoiceVariation;
}
