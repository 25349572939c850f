/**
 * Splits a lesson's locale Markdown into its intro and one section per step. A step section starts
 * at a line `## step: <id>` (outside code fences) and runs to the next one; the heading itself is
 * not part of the text. Everything before the first step heading is the intro.
 */

export interface MarkdownSection {
  id: string;
  /** 1-based line of the `## step:` heading. */
  line: number;
  text: string;
}

export interface MarkdownProblem {
  line: number;
  message: string;
}

export interface SplitMarkdown {
  intro: string;
  sections: MarkdownSection[];
  problems: MarkdownProblem[];
}

const STEP_HEADING = /^##[ \t]+step:[ \t]*(\S*)[ \t]*$/;
const LOOSE_STEP_HEADING = /^#{1,6}[ \t]*step\b/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
export const STEP_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function splitLessonMarkdown(markdown: string): SplitMarkdown {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const problems: MarkdownProblem[] = [];
  const sections: MarkdownSection[] = [];
  const intro: string[] = [];
  let current: { id: string; line: number; lines: string[] } | undefined;
  let fence: string | undefined;
  lines.forEach((line, index) => {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && line.trim() === fenceMatch[1]) fence = undefined;
    } else if (fenceMatch) {
      fence = fenceMatch[1];
    } else {
      const heading = STEP_HEADING.exec(line);
      if (heading) {
        if (current) sections.push(finish(current));
        const id = heading[1]!;
        if (!STEP_ID.test(id)) problems.push({ line: index + 1, message: `step heading needs a step id: "## step: <id>" with a lowercase id such as list-nodes` });
        current = { id, line: index + 1, lines: [] };
        return;
      }
      if (LOOSE_STEP_HEADING.test(line)) {
        problems.push({ line: index + 1, message: `write step headings exactly as "## step: <id>" (got ${JSON.stringify(line.trim())})` });
      }
    }
    (current ? current.lines : intro).push(line);
  });
  if (current) sections.push(finish(current));
  if (fence) problems.push({ line: lines.length, message: `a code fence (${fence}) is not closed` });
  return { intro: intro.join('\n').trim(), sections, problems };
}

function finish(section: { id: string; line: number; lines: string[] }): MarkdownSection {
  return { id: section.id, line: section.line, text: section.lines.join('\n').trim() };
}
