// The staff console (React + Ant Design), built into dist/console and served by the server at /console/.
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: join(import.meta.dirname, 'src', 'console'),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: join(import.meta.dirname, 'dist', 'console'),
    emptyOutDir: true,
    // antd is large by nature; one bundle for an intranet console is fine.
    chunkSizeWarningLimit: 2000,
  },
  // `vite` (dev server) forwards the API to a running `npm start`.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
