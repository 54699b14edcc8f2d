import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // The server serves this build under /m/ (the console owns /), so every asset URL carries the prefix.
  base: '/m/',
  plugins: [react()],
  resolve: {
    // antd-mobile is hoisted to the workspace root, where another React version lives; one copy must serve all.
    dedupe: ['react', 'react-dom'],
  },
  server: {
    proxy: { '/api': { target: process.env.HUZHU_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
