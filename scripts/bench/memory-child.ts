/**
 * Child of the memory bench (run with --expose-gc): handles `total` distinct signed
 * wins with a constant wallet and reports the heap after GC at `early` and at `total`.
 */
import { constantWallet } from './constant-wallet.ts';
import { benchSecret, signBody, winRequest } from './fixtures.ts';
import { type HandlerPackage, loadPackage } from './packages.ts';

const [early, total] = process.argv.slice(2).map(Number) as [number, number];

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const handler = await loadPackage<HandlerPackage>('handler', ['createWalletHandler']);
  if (!handler.ok) throw new Error(handler.why);
  const handle = handler.mod.createWalletHandler({ secret: benchSecret, wallet: constantWallet });
  const heap: number[] = [];
  for (let i = 1; i <= total; i++) {
    const body = new TextEncoder().encode(JSON.stringify(winRequest(`mem-${i}`)));
    const answer = await handle.handleWalletCall({ body, signature: signBody(body), method: 'POST' });
    if (answer.status !== 200) throw new Error(`call ${i} answered ${answer.status}`);
    if (i === early || i === total) heap.push(heapAfterGc());
  }
  process.send?.({ early: heap[0], total: heap[1] });
}

main().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
