/**
 * Renderer entry: Pinia, vue-i18n following the locale store, and the workspace. Everything the
 * page needs is bundled; it never loads anything from the network.
 */
import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';
import App from './App.vue';
import { createLabI18n } from './i18n';
import { useLocaleStore } from './stores/locale';
import './styles/base.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);

const localeStore = useLocaleStore(pinia);
const i18n = createLabI18n(localeStore.locale);
watch(
  () => localeStore.locale,
  (locale) => {
    i18n.global.locale.value = locale;
  },
);
app.use(i18n);

app.mount('#app');
