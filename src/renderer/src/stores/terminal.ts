/**
 * The workspace's one terminal as other views see it: its id once opened, and a way to type into
 * it (the editor's Apply sends `kubectl apply -f …` here so the learner sees the command run).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useLabStore } from './lab';

export const useTerminalStore = defineStore('terminal', () => {
  const lab = useLabStore();
  const id = ref<string>();
  /** Bumped to ask the terminal view to take the keyboard focus. */
  const focusRequests = ref(0);

  function setId(next: string | undefined): void {
    id.value = next;
  }

  /** Types `data` into the terminal; false when no terminal is open. */
  async function send(data: string): Promise<boolean> {
    const client = lab.client;
    if (!client || !id.value) return false;
    await client.invoke('terminal.input', { id: id.value, data });
    return true;
  }

  /**
   * Types a command from a lesson onto the prompt without running it: the learner reads it and
   * presses Enter. (Lines before the last of a multi-line block do run, as a paste would.)
   */
  async function paste(text: string): Promise<boolean> {
    const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
    const sent = await send(`\x05\x15${lines.join('\r')}`);
    if (sent) requestFocus();
    return sent;
  }

  function requestFocus(): void {
    focusRequests.value++;
  }

  return { id, focusRequests, setId, send, paste, requestFocus };
});
