/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { VitePWA } from 'vite-plugin-pwa';

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
    // 外业 (#20): installable, and opens with no network once opened. The service worker precaches the
    // built files only and answers navigations with index.html; it never touches /api (no runtime
    // caching: an API answer is never served from a cache). Registered by main.ts in a production build only.
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      includeAssets: ['icon.svg'],
      manifest: {
        name: '防返贫动态监测平台',
        short_name: '防返贫监测',
        description: '防返贫动态监测与驻村帮扶管理平台：离线走访、驻村工作日志、一张图',
        lang: 'zh-CN',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        background_color: '#f3f5f8',
        theme_color: '#1f6f43',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon.svg', sizes: '512x512', type: 'image/svg+xml', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,woff,woff2,ttf}'],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/health/, /^\/\.well-known\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
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
