/** Renderer entry: mounts the workspace with Pinia and keeps `<html lang>` on the UI language. */
import { createPinia } from 'pinia';
import { createApp, watchEffect } from 'vue';
import App from './App.vue';
import { useWorkspaceStore } from './stores/workspace';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);

const workspace = useWorkspaceStore(pinia);
watchEffect(() => {
  document.documentElement.lang = workspace.locale;
});

app.mount('#app');
