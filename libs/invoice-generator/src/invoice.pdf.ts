import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import sharp from 'sharp';
import { PAGE_HEIGHT, PAGE_WIDTH } from './invoice.svg.js';

/** A Letter page is 612 x 792 pt; the 850 x 1100 px SVG page maps onto it at 0.72 pt per px (100 dpi). */
const PT_PER_PX = 612 / PAGE_WIDTH;
const LETTER: [number, number] = [612, 792];

/**
 * An image-only PDF (what a scanner writes): each image fills one Letter page. PNG and JPEG images
 * are embedded as they are (JPEG stays JPEG inside the PDF).
 */
export async function imagesToPdf(images: readonly Buffer[]): Promise<Buffer> {
  if (images.length === 0) throw new RangeError('imagesToPdf needs at least one image');
  const pdf = await PDFDocument.create();
  pdf.setProducer('invoice-generator');
  for (const image of images) {
    const { format } = await sharp(image).metadata();
    const embedded =
      format === 'jpeg' ? await pdf.embedJpg(image) : await pdf.embedPng(format === 'png' ? image : await sharp(image).png().toBuffer());
    const page = pdf.addPage(LETTER);
    page.drawImage(embedded, { x: 0, y: 0, width: LETTER[0], height: LETTER[1] });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

interface SvgText {
  x: number;
  y: number;
  size: number;
  anchor: 'start' | 'end';
  mono: boolean;
  bold: boolean;
  content: string;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (entity, name: string) => XML_ENTITIES[name] ?? entity);

/** The `<text>` elements of the generator's SVG (its own output, one element per line, no nesting). */
export function svgTexts(svg: string): SvgText[] {
  const texts: SvgText[] = [];
  const re = /<text ([^>]*)>([^<]*)<\/text>/g;
  for (const [, attrs, content] of svg.matchAll(re)) {
    if (attrs === undefined || content === undefined) continue;
    const attr = (name: string): string | undefined => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];
    texts.push({
      x: Number(attr('x')),
      y: Number(attr('y')),
      size: Number(attr('font-size')),
      anchor: attr('text-anchor') === 'end' ? 'end' : 'start',
      mono: /Mono/.test(attr('font-family') ?? ''),
      bold: attr('font-weight') === 'bold',
      content: unescapeXml(content),
    });
  }
  return texts;
}

/**
 * A "digital" PDF of the page, as invoicing software writes it: every line of text as real PDF text
 * (Helvetica, Courier for the amount column; WinAnsi covers French accents), and the page image under
 * it for the graphics (QR code, logo) with the text drawn over. One page per SVG.
 */
export async function svgPagesToTextPdf(pages: readonly { svg: string; background?: Buffer }[]): Promise<Buffer> {
  if (pages.length === 0) throw new RangeError('svgPagesToTextPdf needs at least one page');
  const pdf = await PDFDocument.create();
  pdf.setProducer('invoice-generator');
  const fonts: Record<string, PDFFont> = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    mono: await pdf.embedFont(StandardFonts.Courier),
    monoBold: await pdf.embedFont(StandardFonts.CourierBold),
  };
  for (const { svg, background } of pages) {
    const page = pdf.addPage(LETTER);
    if (background) {
      const image = await pdf.embedPng(background);
      page.drawImage(image, { x: 0, y: 0, width: LETTER[0], height: LETTER[1] });
    }
    for (const t of svgTexts(svg)) {
      const font = (t.mono ? (t.bold ? fonts.monoBold : fonts.mono) : t.bold ? fonts.bold : fonts.regular) as PDFFont;
      const size = t.size * PT_PER_PX;
      const width = font.widthOfTextAtSize(t.content, size);
      const x = t.x * PT_PER_PX - (t.anchor === 'end' ? width : 0);
      page.drawText(t.content, { x, y: LETTER[1] - t.y * PT_PER_PX, size, font });
    }
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** The SVG page without its text: the graphics (QR code, logo, rules) as a PNG to put under the PDF text. */
export async function svgGraphicsPng(svg: string): Promise<Buffer> {
  const graphics = svg.replace(/<text [^>]*>[^<]*<\/text>/g, '');
  return sharp(Buffer.from(graphics), { density: 72 })
    .resize(PAGE_WIDTH, PAGE_HEIGHT, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
}
