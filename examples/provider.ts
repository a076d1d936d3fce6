/**
 * A provider's game round against an operator's wallet, from the command line: read the
 * balance, bet 1.00 EUR (refunded if its outcome is unknown), win 2.50 EUR, closing the
 * round. The round itself is the client README's example,
 * packages/client/examples/provider.ts; this file only runs it.
 *
 * Run against any operator example:
 *   TBB_WALLET_SECRET=... npx tsx examples/provider.ts http://127.0.0.1:8080/operator/wallet
 * (or set TBB_WALLET_URL instead of the argument).
 */
import { pathToFileURL } from 'node:url';
import { playRound } from '../packages/client/examples/provider.ts';

export { playRound };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.argv[2] ?? process.env.TBB_WALLET_URL;
  const secret = process.env.TBB_WALLET_SECRET;
  if (!url || !secret) {
    console.error('usage: TBB_WALLET_SECRET=... npx tsx examples/provider.ts <wallet-url>');
    process.exit(2);
  }
  const result = await playRound(url, secret);
  console.log(`${result.outcome}: balance ${result.before} -> ${result.after}`);
}
