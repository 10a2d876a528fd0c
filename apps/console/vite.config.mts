/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The web console (控制台): a Vue 3 single-page application built to dist/console, which the gateway
 * serves at /. It shares the platform's vocabulary with the services through two libs, bundled as
 * source: libs/contracts (schemas, enum labels) and libs/auth's role table (who may do what).
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [
    vue(),
    // Element Plus components and directives imported where templates use them (the shell loads only
    // what its pages need); the theme's CSS is imported once in main.ts
    Components({ dts: false, dirs: [], resolvers: [ElementPlusResolver({ importStyle: false, directives: true })] }),
  ],
  resolve: {
    alias: {
      '@': here('./src'),
      '@lib/contracts': here('../../libs/contracts/src'),
      '@lib/auth-roles': here('../../libs/auth/src/roles.ts'),
    },
  },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/element-plus')) return 'element-plus';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/.well-known': 'http://127.0.0.1:8080' },
  },
  test: {
    root: here('.'),
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
