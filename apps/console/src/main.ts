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
