/** Every section of the bench, by the name used on the command line, in report order. */

import { client } from './client.ts';
import type { BenchConfig } from './config.ts';
import { handlerHttp } from './handler-http.ts';
import { handlerInProcess } from './handler-inprocess.ts';
import { ledger } from './ledger.ts';
import { memory } from './memory.ts';
import type { Section } from './section.ts';
import { size } from './size.ts';
import { validation } from './validation.ts';

/** Section name → the function that measures it. */
export const sections: Record<string, (config: BenchConfig) => Promise<Section>> = {
  'handler-http': handlerHttp,
  'handler-inprocess': handlerInProcess,
  validation,
  client,
  ledger,
  memory,
  size,
};
