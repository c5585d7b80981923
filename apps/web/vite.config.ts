import { join } from 'node:path';
import purgeCss from '@fullhuman/postcss-purgecss';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { criticalCss } from './critical-css.plugin.js';
import { translatedPages } from './translated-pages.plugin.js';

const root = import.meta.dirname;

// The app talks only to the gateway's /api. In development Vite serves it and proxies /api to the
// gateway (GATEWAY_URL, default http://127.0.0.1:3000); in production the gateway serves dist/.
export default defineConfig(({ command }) => ({
  root,
  // dist/ holds each text asset beside its .gz and .br copies (best levels, made once at build time):
  // the gateway sends the one the browser's Accept-Encoding asks for.
  // login.html (served for /login) carries the login form and the CSS rules it uses (criticalCss), in
  // each language of the app (translatedPages: login.html in English, login.fr.html in French).
  plugins: [
    react(),
    criticalCss(/login\.html$/),
    translatedPages(['login.html']),
    compression({ algorithms: ['gzip', 'brotliCompress'], threshold: 1024 }),
  ],
  // Workspace libraries (the contracts) are bundled from their TypeScript sources.
  resolve: { conditions: ['@invoice/source', 'module', 'browser', 'development|production'] },
  css: {
    postcss: {
      // The build keeps only the CSS rules whose classes, ids and elements appear in the app's sources
      // (Bootstrap ships 230 kB of rules; the app uses a small part of them). Class names are written
      // whole in the sources (never assembled from pieces), which is what lets this find them.
      plugins:
        command === 'build'
          ? [
              purgeCss({
                content: [join(root, '*.html'), join(root, 'src/**/*.{ts,tsx}')],
                // Classes that libraries set: react-router's NavLink marks the current page `active`.
                safelist: ['active'],
                variables: false,
                keyframes: false,
                fontFace: false,
              }),
            ]
          : [],
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: { input: { index: join(root, 'index.html'), login: join(root, 'login.html') } },
  },
}));
