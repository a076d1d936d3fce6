// An Express app with its own JSON routes beside the wallet: two set-ups that keep the
// signed bytes intact for the handler.
import type { WalletHandler } from '@tbb-wallet/handler';
import { toNodeListener } from '@tbb-wallet/handler';
import express from 'express';

/** 1. The wallet route before any body parser: the handler reads the raw bytes itself. */
export function walletRouteFirst(handle: WalletHandler): express.Express {
  const app = express();
  app.all('/operator/wallet', toNodeListener(handle));
  app.use(express.json()); // the rest of your app
  app.post('/api/echo', (req, res) => res.json(req.body));
  return app;
}

/** 2. express.raw() on the wallet path, ahead of express.json(): req.body is a Buffer of the exact bytes. */
export function rawParserFirst(handle: WalletHandler): express.Express {
  const app = express();
  app.use('/operator/wallet', express.raw({ type: '*/*' }));
  app.use(express.json()); // the rest of your app
  app.all('/operator/wallet', toNodeListener(handle));
  app.post('/api/echo', (req, res) => res.json(req.body));
  return app;
}
