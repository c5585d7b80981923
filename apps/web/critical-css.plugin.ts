import { relative, resolve } from 'node:path';
import Beasties from 'beasties';
import type { Plugin } from 'vite';

type Bundle = NonNullable<Parameters<Extract<NonNullable<Plugin['generateBundle']>, (...args: never[]) => unknown>>[1]>;

/** Beasties reading the stylesheets from the bundle being written (they are not on disk yet). */
function bundleBeasties(bundle: Bundle, outDir: string): Beasties {
  const reader = class extends Beasties {
    override readFile(filename: string): string {
      const asset = bundle[relative(outDir, filename)];
      if (asset?.type !== 'asset') throw new Error(`${filename} is not in the bundle`);
      return typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
    }
  };
  // 'body' moves the stylesheet to the end of <body> (no inline script, so the CSP's script-src 'self'
  // holds): what comes before it is drawn with the inlined rules while the stylesheet downloads.
  return new reader({ path: outDir, preload: 'body', pruneSource: false, reduceInlineStyles: false, logLevel: 'warn' });
}

/**
 * Inlines, in the HTML pages matching `pages`, the CSS rules their own markup uses (found by matching
 * each selector against the page), and loads the full stylesheet after that markup: such a page is
 * drawn as soon as its HTML arrives, before the stylesheet and the scripts.
 */
export function criticalCss(pages: RegExp): Plugin {
  let outDir = '';
  return {
    name: 'invoice:critical-css',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !pages.test(ctx.filename)) return html;
        return bundleBeasties(ctx.bundle, outDir).process(html);
      },
    },
  };
}
