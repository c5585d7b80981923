import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceResponse } from '@invoice/contracts';
import { apiBlob } from '../lib/api.js';

type Words = NonNullable<InvoiceResponse['invoice']>['ocr']['words'];

/** Types a browser shows in an <img>; PDF and TIFF have no preview. */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/webp']);

/**
 * The original page (fetched with the token, shown from an object URL) with the OCR word boxes
 * drawn over it; the words of the field in focus are highlighted. Boxes are in the image's pixels,
 * so the SVG's viewBox is the image's natural size.
 */
export function PageImage({ documentId, mimeType, words, highlight }: { documentId: string; mimeType: string; words: Words; highlight: ReadonlySet<number> }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string>();
  const [size, setSize] = useState<{ w: number; h: number }>();
  const [failed, setFailed] = useState(false);
  const previewable = PREVIEWABLE.has(mimeType);

  useEffect(() => {
    if (!previewable) return;
    const controller = new AbortController();
    let objectUrl: string | undefined;
    apiBlob(`/api/invoices/${documentId}/file`, controller.signal)
      .then((blob) => {
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [documentId, previewable]);

  if (!previewable || failed) return <div className="page-frame d-flex align-items-center justify-content-center text-secondary rounded">{t('invoice.noImage')}</div>;
  return (
    <figure className="page-image border rounded overflow-hidden mb-0 page-frame" style={size ? { aspectRatio: `${size.w} / ${size.h}`, minHeight: 0 } : { aspectRatio: '1 / 1.414' }} data-testid="page-image">
      {url && <img src={url} alt={t('invoice.image')} onLoad={(e) => setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })} onError={() => setFailed(true)} />}
      {size && (
        <svg viewBox={`0 0 ${size.w} ${size.h}`} preserveAspectRatio="none" aria-hidden="true">
          {words.map((word, index) =>
            word.page > 1 ? null : (
              <rect
                key={index}
                className={highlight.has(index) ? 'word hit' : 'word'}
                x={word.bbox.x0}
                y={word.bbox.y0}
                width={Math.max(1, word.bbox.x1 - word.bbox.x0)}
                height={Math.max(1, word.bbox.y1 - word.bbox.y0)}
              />
            ),
          )}
        </svg>
      )}
    </figure>
  );
}
