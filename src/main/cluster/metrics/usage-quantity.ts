/**
 * Usage quantities as resource.Quantity.String() writes them: cpu from nanocores in the largest
 * exact decimal unit (`2318163n`, `40m`, `2`), memory from KiB in the largest exact binary unit
 * (`18524Ki`, `128Mi`), as metrics-server's answers show them.
 */

export function formatCpuNanocores(nanocores: number): string {
  const n = Math.round(nanocores);
  if (n === 0) return '0';
  for (const [factor, suffix] of [
    [1e9, ''],
    [1e6, 'm'],
    [1e3, 'u'],
  ] as const) {
    if (n % factor === 0) return `${n / factor}${suffix}`;
  }
  return `${n}n`;
}

export function formatMemoryKib(kib: number): string {
  const k = Math.round(kib);
  if (k === 0) return '0';
  for (const [factor, suffix] of [
    [1024 ** 3, 'Ti'],
    [1024 ** 2, 'Gi'],
    [1024, 'Mi'],
  ] as const) {
    if (k % factor === 0) return `${k / factor}${suffix}`;
  }
  return `${k}Ki`;
}
