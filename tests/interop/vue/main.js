import { createApp } from 'vue';
import '../../../src/index.ts';
import App from './App.vue';

createApp(App).mount('#app');
