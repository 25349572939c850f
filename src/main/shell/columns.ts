/**
 * Names laid out in columns the way GNU ls does it on a terminal, measured in display cells;
 * Tab completion lists its candidates the same way. The layout is base/columns.ts.
 */
import { formatColumns as layoutColumns } from '../base/columns.js';
import { displayWidth } from './display-width.js';

export function formatColumns(names: readonly string[], lineWidth: number, options: { readonly tabs?: boolean } = {}): string {
  return layoutColumns(names, lineWidth, { ...options, width: displayWidth });
}
