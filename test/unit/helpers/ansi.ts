/** Terminal output as a person reads it: ANSI colour and cursor sequences removed. */
const CSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

export function stripAnsi(text: string): string {
  return text.replace(CSI, '');
}
