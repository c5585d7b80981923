import type { LineItem } from '@invoice/contracts';

export type InvoiceLanguage = 'en' | 'fr';

/**
 * Page layouts. `classic`: the original one (title, labelled lines on the left, QR and logo on the right,
 * item column, one TOTAL line). `modern`: the vendor block top left, title under it, "Invoice date"/"Due date"
 * lines, a right-hand totals block (subtotal, tax with its rate, total), thousands separators and a currency
 * sign. `compact`: title top left, "Total HT"/"TVA"/"Total TTC" style totals, the vendor under a
 * "From"/"Émetteur" label at the bottom left.
 */
export const INVOICE_LAYOUTS = ['classic', 'modern', 'compact'] as const;
export type InvoiceLayout = (typeof INVOICE_LAYOUTS)[number];

/** The layout of a seed in a mixed set: the three in turn (seed modulo 3). */
export const mixedLayout = (seed: number): InvoiceLayout => INVOICE_LAYOUTS[((seed % 3) + 3) % 3] as InvoiceLayout;

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
  /** Absent in truth files written before layouts existed (= classic). */
  layout?: InvoiceLayout;
  /** The fields below are null when the layout does not print them (classic prints none). YYYY-MM-DD. */
  dueDate?: string | null;
  vendorName?: string | null;
  /** The vendor's two address lines joined with ", ". */
  vendorAddress?: string | null;
  /** Sum of the line amounts when a tax line is printed; null without one (the total is that sum). */
  subtotal?: number | null;
  taxAmount?: number | null;
  /** Percent. */
  taxRate?: number | null;
}

export interface GenerateOptions {
  /** Defaults to 'en'. */
  language?: InvoiceLanguage;
  /** Print a customer email line. Defaults to false. */
  withEmail?: boolean;
  /** Defaults to 'classic'. */
  layout?: InvoiceLayout;
  /** Print subtotal and tax lines (modern and compact layouts). Defaults to a seed-derived choice. */
  withTax?: boolean;
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
