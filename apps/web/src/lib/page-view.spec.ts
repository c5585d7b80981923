import { describe, expect, it } from '@jest/globals';
import { pageForHighlight, pageLayout, rotate, stepZoom, ZOOM_STEPS } from './page-view.js';

describe('stepZoom', () => {
  it('moves one step up or down and stops at the ends', () => {
    expect(stepZoom(1, 1)).toBe(1.25);
    expect(stepZoom(1, -1)).toBe(0.75);
    expect(stepZoom(4, 1)).toBe(4);
    expect(stepZoom(0.5, -1)).toBe(0.5);
    expect(stepZoom(1.1, 1)).toBe(1.25);
    expect(ZOOM_STEPS).toContain(1);
  });
});

describe('rotate', () => {
  it('turns by quarters both ways', () => {
    expect(rotate(0, 1)).toBe(90);
    expect(rotate(270, 1)).toBe(0);
    expect(rotate(0, -1)).toBe(270);
  });
});

describe('pageLayout', () => {
  it('fits the page to the width at zoom 1, and scales with the zoom', () => {
    expect(pageLayout(1700, 2200, 850, 1, 0)).toEqual({ pageWidth: 850, pageHeight: 1100, stageWidth: 850, stageHeight: 1100 });
    expect(pageLayout(1700, 2200, 850, 2, 0)).toEqual({ pageWidth: 1700, pageHeight: 2200, stageWidth: 1700, stageHeight: 2200 });
  });

  it('fits a page turned sideways by its height, and swaps the stage', () => {
    const layout = pageLayout(1700, 2200, 1100, 1, 90);
    expect(layout.stageWidth).toBeCloseTo(1100);
    expect(layout.stageHeight).toBeCloseTo(850);
    expect(layout.pageWidth).toBeCloseTo(850);
    expect(layout.pageHeight).toBeCloseTo(1100);
  });

  it('draws nothing before the viewport or the page has a size', () => {
    expect(pageLayout(1700, 2200, 0, 1, 0).pageWidth).toBe(0);
    expect(pageLayout(0, 0, 800, 1, 0).stageHeight).toBe(0);
  });
});

describe('pageForHighlight', () => {
  const words = [{ page: 0 }, { page: 1 }, { page: 2 }, { page: 1 }];
  it('keeps the current page when it holds a highlighted word, or nothing is highlighted', () => {
    expect(pageForHighlight(words, new Set([0, 1]), 1)).toBe(1);
    expect(pageForHighlight(words, new Set(), 3)).toBe(3);
  });

  it('goes to the first page holding the highlighted words otherwise', () => {
    expect(pageForHighlight(words, new Set([2, 3]), 1)).toBe(2);
    expect(pageForHighlight(words, new Set([99]), 1)).toBe(1);
  });
});
