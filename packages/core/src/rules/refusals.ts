/**
 * The refusals the rules decide, with the protocol's messages from its one table.
 *
 * @see WALLET-PROTOCOL.md §5
 */
import { walletErrorMessages } from '../error-codes.ts';
import type { RememberedRefusalCode } from './records.ts';

/** A refusal: the protocol code (also the HTTP status) and the message to answer with. */
export interface Refusal<C extends 400 | RememberedRefusalCode = 400 | RememberedRefusalCode> {
  readonly code: C;
  readonly message: string;
}

/** The vendor's message of a code. */
export function refusal<C extends RememberedRefusalCode>(code: C): Refusal<C> {
  return { code, message: walletErrorMessages[code] };
}

/**
 * A 400 whose message starts with the vendor's (which callers match on) and then says
 * what was wrong, e.g. `currency_code: must be EUR, the player's wallet currency`.
 */
export function badRequest(detail: string): Refusal<400> {
  return { code: 400, message: `${walletErrorMessages[400]} ${detail}` };
}

/** The 400 of a call in a currency other than the player's wallet. */
export function currencyMismatch(walletCurrency: string): Refusal<400> {
  return badRequest(`currency_code: must be ${walletCurrency}, the player's wallet currency`);
}

/** The 400 of a transaction id sent again with another body. */
export function reusedTransactionId(transactionId: string): Refusal<400> {
  return badRequest(
    `payload.provider_transfer_data.transaction_id: ${transactionId} was already sent with another body`,
  );
}

/** The 400 of a movement that would take the balance out of the range an answer can carry. */
export function balanceOutOfRange(): Refusal<400> {
  return badRequest('amount: the balance would leave the range ±(2^53−1)');
}
