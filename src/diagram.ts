import { transitions as catalogue, type Transition } from './transitions.js';

/**
 * The state machine of RULES §5 drawn as a Mermaid `stateDiagram-v2`, generated from the
 * transition catalogue so that the picture cannot drift from the data the engine and its tests use.
 */

const START = new Set(['any', 'none']);
const END = new Set(['released']);

/** `red: R1 treatment` and `R1 treatment` are one state; `(red stays red)` is a note, not a state. */
function stateNames(label: string): string[] {
  const bare = label.replace(/^(red|yellow|green): /, '').replace(/ \([^)]*\)$/, '');
  const parts = bare.split(' or ');
  const first = parts[0] ?? bare;
  const prefix = /^[RYG][1-5Y]? /.exec(first)?.[0] ?? '';
  return parts.map((part, i) => (i > 0 && prefix !== '' && !part.startsWith(prefix) ? `${prefix}${part}` : part));
}

function slug(group: string, name: string): string {
  return `${group}_${name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`;
}

/**
 * Renders transitions as a Mermaid state diagram: one composite state per rule (R1 … GY) and one
 * named `Code` for the code itself (application review, colour, corrections); each arrow is labelled with its
 * transition id and policy section. `any` is drawn as the start, `released` as the end.
 *
 * @param list - the transitions to draw; the whole catalogue of RULES §5 by default
 * @returns the diagram source, one statement a line, ending with a newline
 * @example
 * stateDiagram().startsWith('stateDiagram-v2') // true
 */
export function stateDiagram(list: readonly Transition[] = catalogue): string {
  const groups = new Map<string, Transition[]>();
  const crossing: Transition[] = [];
  for (const t of list) {
    // A transition from one rule's condition to another's (T-R4-confirmed) joins two composites.
    if (t.rule !== null && t.from === t.rule && /^[RYG][1-5Y]?$/.test(t.to) && t.to !== t.rule) {
      crossing.push(t);
      continue;
    }
    const group = t.rule ?? 'Code';
    const members = groups.get(group) ?? [];
    members.push(t);
    groups.set(group, members);
  }
  const lines = ['stateDiagram-v2'];
  for (const [group, members] of groups) {
    // Composites are left unnamed: Mermaid mishandles arrows to a composite given a display name.
    lines.push(`  state ${group} {`);
    const declared = new Set<string>();
    const node = (name: string, role: 'from' | 'to'): string => {
      if ((role === 'from' && START.has(name)) || (role === 'to' && END.has(name))) return '[*]';
      const id = slug(group, name);
      if (!declared.has(id)) {
        declared.add(id);
        lines.push(`    state "${name.replace(/"/g, "'")}" as ${id}`);
      }
      return id;
    };
    for (const t of members)
      for (const from of stateNames(t.from))
        for (const to of stateNames(t.to)) {
          const a = node(from, 'from');
          const b = node(to, 'to');
          lines.push(`    ${a} --> ${b} : ${t.id} (${t.section})`);
        }
    lines.push('  }');
  }
  for (const t of crossing) lines.push(`  ${t.from} --> ${t.to} : ${t.id} (${t.section})`);
  return `${lines.join('\n')}\n`;
}
