// Adding and removing HiMall shops: a shop is a host permission the merchant grants.
// The background hears the change (permissions.onAdded/onRemoved) and re-registers the
// HiMall script and the shops table; nothing else needs to be told.
import { isWechatPattern, originPattern, toOrigin } from "~core/origins"

export type AddShopResult = { ok: true; origin: string } | { ok: false; reason: "invalid" | "wechat" | "denied" }

export function checkShopInput(input: string): AddShopResult {
  const origin = toOrigin(input)
  if (!origin) return { ok: false, reason: "invalid" }
  if (isWechatPattern(originPattern(origin))) return { ok: false, reason: "wechat" }
  return { ok: true, origin }
}

/** Call from the click handler itself: permission prompts need a user gesture. */
export async function addShop(input: string): Promise<AddShopResult> {
  const checked = checkShopInput(input)
  if (!checked.ok) return checked
  const granted = await chrome.permissions.request({ origins: [originPattern(checked.origin)] })
  return granted ? checked : { ok: false, reason: "denied" }
}

export async function removeShop(pattern: string): Promise<void> {
  await chrome.permissions.remove({ origins: [pattern] })
}
