/**
 * The preload script: the page's only way to reach the engine. It exposes
 * `window.lab = { invoke, subscribe }` and nothing else (see lab-api.ts).
 * Runs sandboxed, so it is bundled into one CommonJS file that requires only `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createLabApi } from './lab-api.js';

contextBridge.exposeInMainWorld('lab', createLabApi(ipcRenderer));
