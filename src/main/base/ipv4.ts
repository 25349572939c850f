/** IPv4 addresses as unsigned 32-bit integers: shared by the API server's validation and allocators and the data plane. */

/** The address as an unsigned 32-bit integer, or undefined when it is not a dotted quad (leading zeros are decimal, as in Go ≤1.16). */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}
