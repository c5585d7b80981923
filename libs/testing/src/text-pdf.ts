import { AFRelationship, PDFDocument, StandardFonts } from 'pdf-lib';

/** A line of a test page: its text and where it starts (x, and y from the top), in points. */
export type PdfLine = readonly [text: string, x: number, y: number];

/** A file attached to a PDF the way Factur-X embeds its XML. */
export interface PdfAttachment {
  name: string;
  content: Buffer;
}

/** A one-page A4 PDF with a text layer: each line drawn in 10 pt Helvetica, with `attachment` embedded when given. */
export async function textLayerPdf(lines: readonly PdfLine[], attachment?: PdfAttachment): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  for (const [text, x, y] of lines) page.drawText(text, { x, y: 842 - y, size: 10, font });
  if (attachment) {
    await pdf.attach(attachment.content, attachment.name, {
      mimeType: 'text/xml',
      description: 'Factur-X',
      afRelationship: AFRelationship.Alternative,
    });
  }
  return Buffer.from(await pdf.save());
}
