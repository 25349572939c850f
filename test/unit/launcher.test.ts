import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../src/main/launcher.js';

describe('npm start: finding Electron', () => {
  it('finds nothing when Electron never downloaded its binary', () => {
    const root = mkdtempSync(join(tmpdir(), 'kubelab-launch-'));
    mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
    expect(electronBinary(root)).toBeUndefined();
  });

  it('finds the binary that path.txt names once it exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'kubelab-launch-'));
    const dist = join(root, 'node_modules', 'electron', 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(root)).toBeUndefined();
    writeFileSync(join(dist, 'electron'), '');
    expect(electronBinary(root)).toBe(join(dist, 'electron'));
  });
});
