/** Zoom levels of the page viewer, as multiples of "fit the width". */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;

export type Rotation = 0 | 90 | 180 | 270;

/** The next zoom level up (+1) or down (-1), staying within the steps. */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > zoom + 1e-9) ?? Math.max(...ZOOM_STEPS);
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-9) ?? ZOOM_STEPS[0];
}

/** A quarter turn clockwise (+1) or counter-clockwise (-1). */
export function rotate(rotation: Rotation, direction: 1 | -1): Rotation {
  return ((((rotation + direction * 90) % 360) + 360) % 360) as Rotation;
}

export interface PageLayout {
  /** Size of the page element (before rotation), in CSS pixels. */
  pageWidth: number;
  pageHeight: number;
  /** Size of the scrolled area: the rotated page's bounding box. */
  stageWidth: number;
  stageHeight: number;
}

/**
 * Where a page of `width` × `height` (its word-box pixels) is drawn in a viewport `viewportWidth` wide:
 * zoom 1 fits the rotated page to the width; the page turns about its centre inside a stage as large as
 * its rotated box, so scrolling reaches every corner.
 */
export function pageLayout(width: number, height: number, viewportWidth: number, zoom: number, rotation: Rotation): PageLayout {
  const sideways = rotation === 90 || rotation === 270;
  const rotatedWidth = sideways ? height : width;
  const scale = width > 0 && height > 0 && viewportWidth > 0 ? (viewportWidth / rotatedWidth) * zoom : 0;
  const pageWidth = width * scale;
  const pageHeight = height * scale;
  return { pageWidth, pageHeight, stageWidth: sideways ? pageHeight : pageWidth, stageHeight: sideways ? pageWidth : pageHeight };
}

/**
 * The page (1-based) to show for highlighted words: the current one when it holds any of them, else the
 * first page that does; the current one when nothing is highlighted.
 */
export function pageForHighlight(words: readonly { page: number }[], highlight: ReadonlySet<number>, current: number): number {
  const pages = [...highlight].map((index) => words[index]?.page).filter((page): page is number => page !== undefined);
  if (pages.length === 0 || pages.includes(current - 1)) return current;
  return Math.min(...pages) + 1;
}
