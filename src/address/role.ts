import { ROLE_MAILBOXES, ROLE_QUALIFIERS, type RoleClass } from '../data/role-mailboxes.js';

// Role-mailbox detection on a local part (src/data/role-mailboxes.ts says where each class comes from).

export interface RoleMatch {
  /** The list entry that matched (`sales`, `采购`). */
  role: string;
  roleClass: RoleClass;
}

let index: Map<string, RoleClass> | undefined;
let qualifiers: Set<string> | undefined;

function roles(): Map<string, RoleClass> {
  if (!index) {
    index = new Map();
    for (const [roleClass, entries] of Object.entries(ROLE_MAILBOXES) as [RoleClass, readonly string[]][]) {
      for (const entry of entries) if (!index.has(entry)) index.set(entry, roleClass);
    }
    qualifiers = new Set(ROLE_QUALIFIERS);
  }
  return index;
}

const MAX_LOCAL = 64;

/**
 * The role a local part names, or undefined for a person's mailbox. Case and a `+tag` are ignored; a role may
 * carry digits (`sales01`) or be joined by `.`/`-`/`_` to other role words and qualifiers (`sales.team`,
 * `export-sales`, `info.cn`). A person's name next to a role (`john.sales`) is not a role mailbox.
 */
export function roleMailbox(localPart: string): RoleMatch | undefined {
  let local = localPart.trim();
  if (local.startsWith('"') && local.endsWith('"') && local.length >= 2) local = local.slice(1, -1);
  local = local.toLowerCase();
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (local === '' || local.length > MAX_LOCAL) return undefined;
  const map = roles();
  const exact = map.get(local);
  if (exact) return { role: local, roleClass: exact };
  if (!/[._-]/.test(local)) {
    const stem = local.replace(/(?<![0-9])[0-9]+$/, '').replace(/(?<=.)部$/, '');
    const roleClass = stem === '' ? undefined : map.get(stem);
    return roleClass ? { role: stem, roleClass } : undefined;
  }
  const tokens = local.split(/[._-]/).filter((t) => t !== '');
  if (tokens.length === 0 || tokens.length > 4) return undefined;
  let match: RoleMatch | undefined;
  for (const raw of tokens) {
    // `sales01` → sales; `采购部` (purchasing department) → 采购.
    const token = raw.replace(/(?<![0-9])[0-9]+$/, '').replace(/(?<=.)部$/, '');
    if (token === '') continue; // digits only: `sales.2`
    const roleClass = map.get(token);
    if (roleClass) {
      match ??= { role: token, roleClass };
      continue;
    }
    if (qualifiers?.has(token)) continue;
    return undefined;
  }
  return match;
}
