import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n.viewer.js';
import './PageImage.css';
import type { InvoiceResponse } from '@invoice/contracts';
import { apiFile, ApiError } from '../lib/api.js';
import { pageForHighlight, pageLayout, rotate, stepZoom, type Rotation } from '../lib/page-view.js';

type Words = NonNullable<InvoiceResponse['invoice']>['ocr']['words'];

interface LoadedPage {
  url: string;
  /** The pixel space of the page's word boxes (the image's own size when the gateway does not say). */
  width: number;
  height: number;
}

/** Fetches page `n` (with the token) as an object URL, with its word-box size and the document's page count. */
function usePage(documentId: string, n: number, ready: boolean) {
  const [page, setPage] = useState<LoadedPage>();
  const [pageCount, setPageCount] = useState(1);
  const path = `/api/invoices/${documentId}/pages/${n}`;
  const [failure, setFailure] = useState<{ path: string; error: ApiError } | null>(null);

  // The page shown stays until the next one has arrived; its object URL is released then (or on unmount).
  useEffect(() => () => page && URL.revokeObjectURL(page.url), [page]);

  useEffect(() => {
    const controller = new AbortController();
    apiFile(path, controller.signal)
      .then(async ({ blob, headers }) => {
        const url = URL.createObjectURL(blob);
        const natural = await imageSize(url);
        if (controller.signal.aborted) return URL.revokeObjectURL(url);
        setPageCount(Number(headers.get('x-page-count') ?? 1));
        setPage({
          url,
          width: Number(headers.get('x-page-width') ?? natural.width),
          height: Number(headers.get('x-page-height') ?? natural.height),
        });
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setFailure({ path, error: e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)) });
      });
    return () => controller.abort();
  }, [path, ready]);
  return { page, pageCount, failed: failure?.path === path ? failure.error : null };
}

function imageSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve({ width: image.naturalWidth, height: image.naturalHeight });
    image.onerror = () => reject(new ApiError(0, 'UNREADABLE', 'The page image cannot be shown'));
    image.src = url;
  });
}

/** Tracks an element's content width. */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/**
 * The page viewer: every page of the document (PDF and TIFF pages as the OCR worker rendered them), with
 * the OCR word boxes over it and the words of the field in focus highlighted (the viewer turns to their
 * page). Zoom, rotate and page through with the toolbar or the keyboard (+ − 0 R B, Page Up/Down); pan by
 * dragging or scrolling. Boxes are in the page's word-box pixels, so the SVG's viewBox is that size.
 */
export function PageImage({
  documentId,
  words,
  highlight,
}: {
  documentId: string;
  mimeType?: string;
  words: Words;
  highlight: ReadonlySet<number>;
}) {
  const { t } = useTranslation();
  const [n, setN] = useState(1);
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState<Rotation>(0);
  const [boxes, setBoxes] = useState(true);
  const [viewportRef, viewportWidth] = useWidth<HTMLDivElement>();
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  const { page, pageCount, failed } = usePage(documentId, n, words.length > 0);

  // A newly highlighted field turns the viewer to the page of its words.
  const highlightKey = [...highlight].join(',');
  const [seenHighlight, setSeenHighlight] = useState(highlightKey);
  if (highlightKey !== seenHighlight) {
    setSeenHighlight(highlightKey);
    setN(pageForHighlight(words, highlight, n));
  }

  const layout = page ? pageLayout(page.width, page.height, viewportWidth, zoom, rotation) : null;
  const go = (next: number) => setN(Math.min(Math.max(1, next), pageCount));
  const onKeyDown = (event: KeyboardEvent) => {
    const actions: Record<string, () => void> = {
      '+': () => setZoom((z) => stepZoom(z, 1)),
      '=': () => setZoom((z) => stepZoom(z, 1)),
      '-': () => setZoom((z) => stepZoom(z, -1)),
      '0': () => setZoom(1),
      r: () => setRotation((r) => rotate(r, 1)),
      R: () => setRotation((r) => rotate(r, -1)),
      b: () => setBoxes((shown) => !shown),
      PageDown: () => go(n + 1),
      PageUp: () => go(n - 1),
    };
    const action = actions[event.key];
    if (action && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      action();
    }
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || !viewportRef.current) return;
    drag.current = { x: event.clientX, y: event.clientY, left: viewportRef.current.scrollLeft, top: viewportRef.current.scrollTop };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start || !viewportRef.current) return;
    viewportRef.current.scrollLeft = start.left - (event.clientX - start.x);
    viewportRef.current.scrollTop = start.top - (event.clientY - start.y);
  };

  return (
    <div className="page-viewer" data-testid="page-viewer">
      <div className="d-flex flex-wrap align-items-center gap-2 mb-2" role="toolbar" aria-label={t('viewer.toolbar')}>
        <div className="btn-group btn-group-sm" role="group" aria-label={t('viewer.pages')}>
          <button
            type="button"
            className="btn btn-outline-secondary"
            onClick={() => go(n - 1)}
            disabled={n <= 1}
            aria-label={t('viewer.previous')}
            data-testid="page-previous"
          >
            ‹
          </button>
          <span className="btn btn-outline-secondary disabled text-body" data-testid="page-indicator" aria-live="polite">
            {t('viewer.pageOf', { n, count: pageCount })}
          </span>
          <button
            type="button"
            className="btn btn-outline-secondary"
            onClick={() => go(n + 1)}
            disabled={n >= pageCount}
            aria-label={t('viewer.next')}
            data-testid="page-next"
          >
            ›
          </button>
        </div>
        <div className="btn-group btn-group-sm" role="group" aria-label={t('viewer.zoom')}>
          <button
            type="button"
            className="btn btn-outline-secondary"
            onClick={() => setZoom((z) => stepZoom(z, -1))}
            aria-label={t('viewer.zoomOut')}
            data-testid="zoom-out"
          >
            −
          </button>
          <button
            type="button"
            className="btn btn-outline-secondary"
            onClick={() => setZoom(1)}
            aria-label={`${Math.round(zoom * 100)} %, ${t('viewer.fit')}`}
            data-testid="zoom-level"
          >
            {Math.round(zoom * 100)} %
          </button>
          <button
            type="button"
            className="btn btn-outline-secondary"
            onClick={() => setZoom((z) => stepZoom(z, 1))}
            aria-label={t('viewer.zoomIn')}
            data-testid="zoom-in"
          >
            +
          </button>
        </div>
        <div className="btn-group btn-group-sm" role="group" aria-label={t('viewer.rotation')}>
          <button
            type="button"
            className="btn btn-outline-secondary"
            onClick={() => setRotation((r) => rotate(r, -1))}
            aria-label={t('viewer.rotateLeft')}
            data-testid="rotate-left"
          >
            ⟲
          </button>
          <button
            type="button"
            className="btn btn-outline-secondary"
            onClick={() => setRotation((r) => rotate(r, 1))}
            aria-label={t('viewer.rotateRight')}
            data-testid="rotate-right"
          >
            ⟳
          </button>
        </div>
        <div className="form-check form-switch mb-0">
          <input
            className="form-check-input"
            type="checkbox"
            role="switch"
            id={`boxes-${documentId}`}
            checked={boxes}
            onChange={(e) => setBoxes(e.target.checked)}
            data-testid="toggle-boxes"
          />
          <label className="form-check-label small" htmlFor={`boxes-${documentId}`}>
            {t('viewer.boxes')}
          </label>
        </div>
      </div>
      <div
        ref={viewportRef}
        className="page-viewport border rounded page-frame"
        tabIndex={0}
        role="region"
        aria-label={t('viewer.region', { n, count: pageCount })}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        data-testid="page-viewport"
      >
        {failed && (
          <div className="d-flex h-100 align-items-center justify-content-center text-secondary p-3">
            {failed.status === 404 ? t('viewer.noPage') : t('errors.generic', { message: failed.message })}
          </div>
        )}
        {!failed && page && layout && layout.pageWidth > 0 && (
          <div className="page-stage" style={{ width: layout.stageWidth, height: layout.stageHeight }}>
            <figure
              className="page-image mb-0"
              style={{ width: layout.pageWidth, height: layout.pageHeight, transform: `translate(-50%, -50%) rotate(${rotation}deg)` }}
              data-testid="page-image"
              data-page={n}
              data-rotation={rotation}
            >
              <img src={page.url} alt={t('viewer.image', { n, count: pageCount })} draggable={false} />
              {boxes && (
                <svg viewBox={`0 0 ${page.width} ${page.height}`} preserveAspectRatio="none" aria-hidden="true">
                  {words.map((word, index) =>
                    (word.page ?? 0) !== n - 1 ? null : (
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
          </div>
        )}
      </div>
    </div>
  );
}
