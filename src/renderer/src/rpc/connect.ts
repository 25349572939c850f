/**
 * How the workspace reaches its lab: through `window.lab` in the Electron window (the preload's
 * IPC bridge), or over a WebSocket to `kubelab web` in a browser. Everything above this file talks
 * to a typed LabClient and never knows which it got.
 */
import { LabClient } from '../../../shared/rpc/lab-client.js';
import { createWebSocketLabApi } from './websocket-lab-api.js';

export async function connectLab(): Promise<LabClient> {
  if (window.lab) return new LabClient(window.lab);
  const api = createWebSocketLabApi({ url: webSocketUrl() });
  await api.ready;
  return new LabClient(api);
}

/** `ws://host:port/rpc` on the page's own origin (the web server serves both). */
function webSocketUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/rpc`;
}
