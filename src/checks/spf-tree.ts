import type { SpfNode } from '../gather/spf.js';
import { allQualifier, parseSpf } from '../parse/spf.js';

// Reading the SPF include/redirect tree gathered by gather/spf.ts (plain data, no I/O).

/** Every include/redirect target in the tree, depth first. */
export function treeTargets(node: SpfNode): string[] {
  const out: string[] = [];
  for (const edge of node.children) {
    out.push(edge.target);
    if (edge.node) out.push(...treeTargets(edge.node));
  }
  return out;
}

/** Nodes of the tree, depth first, with the term that led to each (undefined for the root). */
export function treeNodes(node: SpfNode, via?: string): { node: SpfNode; via?: string }[] {
  const out: { node: SpfNode; via?: string }[] = [via === undefined ? { node } : { node, via }];
  for (const edge of node.children) if (edge.node) out.push(...treeNodes(edge.node, edge.term));
  return out;
}

/** Lookups of a node and everything below it. */
export function subtreeLookups(node: SpfNode): number {
  return node.lookups + node.children.reduce((sum, e) => sum + (e.node ? subtreeLookups(e.node) : 0), 0);
}

export function lookups(n: number): string {
  return `${n} lookup${n === 1 ? '' : 's'}`;
}

/** The tree as indented lines: each include/redirect with the DNS lookups it costs. */
export function treeLines(node: SpfNode, indent = ''): string[] {
  const lines: string[] = [];
  node.children.forEach((edge, i) => {
    const last = i === node.children.length - 1;
    const note = edge.skipped
      ? `(not followed: ${edge.skipped})`
      : edge.node
        ? edge.node.status === 'ok'
          ? lookups(subtreeLookups(edge.node) + 1)
          : edge.node.status === 'failed'
            ? `lookup ${edge.node.outcome}`
            : edge.node.status === 'missing'
              ? edge.node.outcome === 'nxdomain' ? 'does not exist' : 'no SPF record'
              : edge.node.status
        : '';
    lines.push(`${indent}${last ? '└─' : '├─'} ${edge.term}  ${note}`);
    if (edge.node) lines.push(...treeLines(edge.node, `${indent}${last ? '   ' : '│  '}`));
  });
  return lines;
}

/** The qualifier of the `all` that ends evaluation: the record's own, else its redirect target's (§6.1). */
export function effectiveAll(node: SpfNode): { qualifier?: string; via?: string } {
  const parsed = node.record === undefined ? undefined : parseSpf(node.record);
  const qualifier = parsed?.ok ? allQualifier(parsed.record) : undefined;
  if (qualifier) return { qualifier };
  const redirect = node.children.find((e) => e.via === 'redirect');
  if (redirect?.node) return { ...effectiveAll(redirect.node), via: redirect.target };
  return {};
}

/** Names in the tree that do not exist or have no records: a/mx targets and include/redirect targets (void lookups). */
export function voidNames(node: SpfNode): string[] {
  const out = [...node.voidNames];
  for (const edge of node.children) {
    if (!edge.node) continue;
    if (edge.node.outcome === 'nxdomain' || edge.node.outcome === 'nodata') out.push(edge.node.domain);
    out.push(...voidNames(edge.node));
  }
  return out;
}
