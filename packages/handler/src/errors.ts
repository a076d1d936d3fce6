/**
 * Refusals a wallet callback throws to answer with one of the protocol's codes.
 * The handler answers `{ code, message }` with that status and the vendor's message,
 * unless the operator passes a message of its own.
 *
 * @see WALLET-PROTOCOL.md §5
 */
import type { WalletErrorCode } from '@tbb-wallet/core';
import { walletErrorMessages } from '@tbb-wallet/core';

/** The codes a wallet callback may refuse with. */
export type RefusalCode = 400 | 402 | 404 | 405 | 406 | 407 | 408 | 418 | 503;

/** Base class of every refusal: carries the protocol code and the message sent to the caller. */
export class WalletRefusal extends Error {
  /** The protocol code, which is also the HTTP status of the answer. */
  readonly code: RefusalCode;

  constructor(code: RefusalCode, message: string = walletErrorMessages[code as WalletErrorCode]) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** 400 — the call is well formed but not acceptable (currency mismatch, a reused transaction id with another body). */
export class BadRequestError extends WalletRefusal {
  constructor(message?: string) {
    super(400, message);
  }
}
/** 402 — the player does not have enough money for the bet. */
export class InsufficientFundsError extends WalletRefusal {
  constructor(message?: string) {
    super(402, message);
  }
}
/** 404 — the player is unknown. */
export class PlayerNotFoundError extends WalletRefusal {
  constructor(message?: string) {
    super(404, message);
  }
}
/** 405 — the game is not available. */
export class GameNotAvailableError extends WalletRefusal {
  constructor(message?: string) {
    super(405, message);
  }
}
/** 406 — a refund names a bet that was never recorded. */
export class TransactionNotFoundError extends WalletRefusal {
  constructor(message?: string) {
    super(406, message);
  }
}
/** 407 — the player is blocked. */
export class PlayerBlockedError extends WalletRefusal {
  constructor(message?: string) {
    super(407, message);
  }
}
/** 408 — the bet is rejected (including a bet whose id was refunded before it arrived). */
export class BetRejectedError extends WalletRefusal {
  constructor(message?: string) {
    super(408, message);
  }
}
/** 418 — a responsible-gaming limit refuses the action. */
export class ResponsibleGamingLimitError extends WalletRefusal {
  constructor(message?: string) {
    super(418, message);
  }
}
/** 503 — temporarily unavailable; the caller retries with the same body. */
export class ServiceUnavailableError extends WalletRefusal {
  constructor(message?: string) {
    super(503, message);
  }
}

const refusalClasses = {
  400: BadRequestError,
  402: InsufficientFundsError,
  404: PlayerNotFoundError,
  405: GameNotAvailableError,
  406: TransactionNotFoundError,
  407: PlayerBlockedError,
  408: BetRejectedError,
  418: ResponsibleGamingLimitError,
  503: ServiceUnavailableError,
} as const satisfies Record<RefusalCode, new (message?: string) => WalletRefusal>;

/**
 * The refusal class of `code`, for a wallet whose rules answer a code (e.g. the decision
 * functions of @tbb-wallet/core): `refusalError(402)` is an `InsufficientFundsError` with
 * the vendor's message unless one is given.
 */
export function refusalError(code: RefusalCode, message?: string): WalletRefusal {
  return new refusalClasses[code](message);
}
