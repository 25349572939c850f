/**
 * The command history of a shell session, shared by ↑/↓, Ctrl+R and the `history` builtin.
 * Follows Ubuntu's default HISTCONTROL=ignoreboth: no lines starting with a blank, no
 * consecutive duplicates.
 */
export class ShellHistory {
  private items: string[] = [];
  /** Entries pushed out by the limit, so numbers stay stable as in bash. */
  private dropped = 0;

  constructor(private readonly limit = 1000) {}

  get entries(): readonly string[] {
    return this.items;
  }

  /** The number `history` prints for the oldest entry kept. */
  get firstNumber(): number {
    return this.dropped + 1;
  }

  add(line: string): boolean {
    if (line.trim() === '' || line.startsWith(' ') || line.startsWith('\t')) return false;
    if (this.items[this.items.length - 1] === line) return false;
    this.items.push(line);
    if (this.items.length > this.limit) {
      this.items.shift();
      this.dropped++;
    }
    return true;
  }

  clear(): void {
    this.dropped = 0;
    this.items = [];
  }
}
