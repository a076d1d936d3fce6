/**
 * How a rule is written: an id, a title and a body that gets a fresh {@link Kit}.
 */
import type { Kit } from './kit.ts';
import { kitFor } from './kit.ts';
import type { WalletRule, WalletRuleGroup } from './types.ts';

export function rule(group: WalletRuleGroup, id: string, title: string, body: (k: Kit) => Promise<void>): WalletRule {
  return { id: `${group}.${id}`, group, title, run: (subject) => body(kitFor(subject)) };
}
