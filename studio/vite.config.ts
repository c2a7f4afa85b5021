import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The runtime serves the built studio at /studio and the API at /api; in dev the
// Vite server proxies /api there so the same relative URLs work in both modes.
const runtimeUrl = process.env.PARLEY_RUNTIME_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/studio/',
  plugins: [react()],
  server: { proxy: { '/api': { target: runtimeUrl, changeOrigin: true } } },
  preview: { proxy: { '/api': { target: runtimeUrl, changeOrigin: true } } },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 2000 },
});
