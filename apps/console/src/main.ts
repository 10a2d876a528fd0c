/// <reference types="vite-plugin-pwa/client" />
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { z } from 'zod';
import { zhError } from '@lib/contracts/zod-zh';
import 'element-plus/dist/index.css';
import './styles.css';
import App from './App.vue';
import { router } from './router';

// the schemas shared with the services explain a refusal in Chinese here too
z.config({ customError: zhError });

createApp(App).use(createPinia()).use(router).mount('#app');

// 外业 (#20): the service worker that lets the console open with no network (production builds only;
// it precaches the built files and never answers /api)
if (import.meta.env.PROD && 'serviceWorker' in navigator)
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
