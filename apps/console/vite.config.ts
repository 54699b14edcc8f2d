import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The workspace root holds another React (pulled in by a sibling package); one copy must serve every import.
    dedupe: ['react', 'react-dom'],
  },
  server: {
    // '/api/' with its slash: the console's own /api-tokens page must not be sent to the server.
    proxy: { '/api/': { target: process.env.HUZHU_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
