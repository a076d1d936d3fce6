import { checkWalletRequest, sign, verify, walletErrorMessages } from '@tbb-wallet/core';

/** Signs a body as the provider does, then checks it as the operator does. */
export async function signAndVerify(secret: string) {
  const body =
    '{"player_id":"6","reference":"Monkey","currency_code":"EUR","action":"balance","is_mobile":false,"session_token":"s"}';
  const signature = await sign(body, secret); // the X-REQUEST-SIGN header: 64 lowercase hex digits
  const genuine = await verify(body, signature, secret); // over the exact bytes that arrived
  const tampered = await verify(body.replace('"6"', '"7"'), signature, secret);
  const checked = checkWalletRequest(JSON.parse(body)); // the spec's schema, compiled ahead of time
  return { signature, genuine, tampered, valid: checked.ok, refusal: walletErrorMessages[403] };
}
