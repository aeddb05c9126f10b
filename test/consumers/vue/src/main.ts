import { createApp } from 'vue';
import 'confab/define/forum-feed';
import 'confab/define/qa-box';
import 'confab/define/provider';
import App from './App.vue';

createApp(App).mount('#app');
