import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { servedFile } from './file-disposition.js';

describe('servedFile', () => {
  it('serves a sniffed image inline under its real type, whatever its name says', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(await servedFile(png, 'evil.html')).toEqual({ type: 'image/png', disposition: 'inline; filename="evil.html"' });
  });

  it('serves a PDF or unknown bytes as an attachment', async () => {
    expect(await servedFile(Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), 'a.pdf')).toMatchObject({
      type: 'application/pdf',
      disposition: 'attachment; filename="a.pdf"',
    });
    expect(await servedFile(Buffer.from('<html><script>alert(1)</script></html>'), 'x"\r\n.png')).toEqual({
      type: 'application/octet-stream',
      disposition: 'attachment; filename="x___.png"',
    });
  });
});
