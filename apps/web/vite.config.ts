import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The app talks only to the gateway's /api. In development Vite serves it and proxies /api to the
// gateway (GATEWAY_URL, default http://127.0.0.1:3000); in production the gateway serves dist/.
export default defineConfig({
  root: import.meta.dirname,
  // dist/ holds each text asset beside its .gz and .br copies (best levels, made once at build time):
  // the gateway sends the one the browser's Accept-Encoding asks for.
  plugins: [react(), compression({ algorithms: ['gzip', 'brotliCompress'], threshold: 1024 })],
  // Workspace libraries (the contracts) are bundled from their TypeScript sources.
  resolve: { conditions: ['@invoice/source', 'module', 'browser', 'development|production'] },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
