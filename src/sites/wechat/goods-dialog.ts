// WeChat 直播 → 商品库 → 添加商品: finding the dialog by its title and its fields by their
// label texts (never by the console's generated classes), and the fill script that writes a
// plan into it field by field. Collect first: when a field we need is missing, nothing is
// written and the report names it.
import type { PriceType } from "~core/goods"
import { labelledInputs, radioForText, sectionFor, usableInputs } from "~lib/dom/form"
import { setFiles, setInputValue, waitFor } from "~lib/dom/set-value"
import { elementsWithText, isOurs } from "~lib/dom/text"
import { isShown } from "~lib/dom/visible"

const GOODS_DIALOG_TITLE = "添加商品"
const GOODS_LABELS = {
  cover: ["商品封面"],
  name: ["商品名称"],
  priceForm: ["价格形式"],
  url: ["商品链接"]
} as const
export const PRICE_TYPE_TEXT: Record<PriceType, string> = { 1: "一口价", 2: "价格区间", 3: "显示折扣价" }

export type GoodsField = "cover" | "name" | "priceType" | "price" | "url"

const TEXT_INPUT = "input:not([type]), input[type=text], input[type=number], input[type=tel], input[type=search], textarea"
const LABEL_LIKE = "label, span, div, p, dt, th, td, b, strong, em, h4, h5"

function isClickable(el: Element): boolean {
  return !!el.closest("button, a, [role=button], [role=tab]")
}

/** Open 添加商品 dialogs: the smallest element around the title that holds the form's labels. */
export function findGoodsDialogs(root: ParentNode): HTMLElement[] {
  const out: HTMLElement[] = []
  for (const title of elementsWithText(root, GOODS_DIALOG_TITLE)) {
    if (isClickable(title) || isOurs(title)) continue
    let box: HTMLElement | null = title.parentElement
    while (box && !(hasLabel(box, GOODS_LABELS.name) && hasLabel(box, GOODS_LABELS.url))) box = box.parentElement
    if (box && box !== document.body && !out.includes(box) && isShown(box)) out.push(box)
  }
  return out
}

function hasLabel(scope: ParentNode, texts: readonly string[]): boolean {
  return labelsIn(scope, texts).length > 0
}

/** Label elements (our own panel excluded) whose text is one of `texts`. */
function labelsIn(scope: ParentNode, texts: readonly string[]): HTMLElement[] {
  return elementsWithText(scope, texts, LABEL_LIKE).filter((el) => !isOurs(el) && !isClickable(el))
}

/** The section of the dialog a field label heads (bounded by the other fields' labels). */
function sectionOfLabel(dialog: HTMLElement, label: HTMLElement): HTMLElement {
  return sectionFor(
    dialog,
    label,
    Object.values(GOODS_LABELS).flatMap((texts) => labelsIn(dialog, texts))
  )
}

/** The text control of a field: `for=`, then the first enabled text input of its section. */
function textControl(dialog: HTMLElement, texts: readonly string[]): HTMLInputElement | null {
  return labelledInputs(labelsIn(dialog, texts), (label) => sectionOfLabel(dialog, label), { selector: TEXT_INPUT })[0] ?? null
}

export interface GoodsDialogFields {
  coverInput: HTMLInputElement | null
  coverSection: HTMLElement | null
  nameInput: HTMLInputElement | null
  priceSection: HTMLElement | null
  radios: Partial<Record<PriceType, HTMLInputElement>>
  urlInput: HTMLInputElement | null
}

/** The radio of one price form: the radio input whose label (or row) reads 一口价 etc. */
function priceRadio(section: HTMLElement, text: string): HTMLInputElement | null {
  return radioForText(section, elementsWithText(section, text, LABEL_LIKE))
}

export function collectGoodsDialog(dialog: HTMLElement): GoodsDialogFields {
  const coverLabel = labelsIn(dialog, GOODS_LABELS.cover)[0] ?? null
  const coverSection = coverLabel ? sectionOfLabel(dialog, coverLabel) : null
  const coverInput = coverSection?.querySelector<HTMLInputElement>("input[type=file]") ?? null
  const priceLabel = labelsIn(dialog, GOODS_LABELS.priceForm)[0] ?? null
  const priceSection = priceLabel ? sectionOfLabel(dialog, priceLabel) : null
  const radios: GoodsDialogFields["radios"] = {}
  if (priceSection) {
    for (const type of [1, 2, 3] as PriceType[]) {
      const r = priceRadio(priceSection, PRICE_TYPE_TEXT[type])
      if (r) radios[type] = r
    }
  }
  return {
    coverInput,
    coverSection,
    nameInput: textControl(dialog, GOODS_LABELS.name),
    priceSection,
    radios,
    urlInput: textControl(dialog, GOODS_LABELS.url)
  }
}

/** The price inputs shown for the chosen form, in order ([price] or [low, high] / [original, current]). */
export function priceInputs(section: HTMLElement, type: PriceType): HTMLInputElement[] {
  const inputs = usableInputs(section, TEXT_INPUT)
  if (type !== 3 || inputs.length < 2) return inputs
  // 显示折扣价: 原价 then 现价, by the inputs' own names (aria-label, placeholder) where both have
  // one, else by their labels where the markup has them in another order.
  const [a, b] = inputs
  const ownName = (i: HTMLInputElement) => `${i.getAttribute("aria-label") ?? ""} ${i.placeholder ?? ""}`
  if (/现价/.test(ownName(a)) && /原价/.test(ownName(b)) && !/原价/.test(ownName(a))) return [b, a]
  if (/原价/.test(ownName(a)) && /现价/.test(ownName(b))) return inputs
  // (a precedes b, so the labels' order tells: 现价 before 原价, or before the first input.)
  const current = elementsWithText(section, "现价", LABEL_LIKE)[0]
  const original = elementsWithText(section, "原价", LABEL_LIKE)[0]
  const follows = (x: Node, y: Node) => !!(x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING)
  if (current && (original ? follows(current, original) : follows(current, a))) return [b, a]
  return inputs
}

export interface GoodsFillPlan {
  cover: File | null
  /** Why no cover (a message for the merchant), when `cover` is null. */
  coverProblem: string | null
  name: string
  priceType: PriceType
  price: string
  price2: string
  url: string
}

type StepState = "filled" | "failed" | "skipped"

interface FillStep {
  field: GoodsField
  state: StepState
  /** The value written, or the reason it was not. */
  detail: string
}

export interface FillResult {
  outcome: "ok" | "partial" | "failed"
  steps: FillStep[]
  /** Field labels the dialog lacks (outcome failed, nothing written). */
  missing: string[]
}

/** How many price inputs each price form shows (一口价 1, 价格区间 2, 显示折扣价 2). */
const EXPECTED_PRICE_INPUTS: Record<PriceType, number> = { 1: 1, 2: 2, 3: 2 }

/**
 * Choose a price form and wait for its inputs (the framework may draw them only then). When they
 * do not come, the price form is put back as it was and null returned: nothing half-filled.
 * Used by 添加商品 and by the 已入库 goods' edit alike.
 */
export async function choosePriceForm(fields: GoodsDialogFields, priceType: PriceType): Promise<HTMLInputElement[] | null> {
  const radio = fields.radios[priceType]
  if (!radio || !fields.priceSection) return null
  const before = (Object.values(fields.radios) as HTMLInputElement[]).find((r) => r.checked) ?? null
  if (!radio.checked) radio.click()
  // The framework re-renders after the click's change event (a microtask or a frame later).
  await new Promise((r) => setTimeout(r, 0))
  const want = EXPECTED_PRICE_INPUTS[priceType]
  const inputs = await waitFor(() => {
    if (!radio.checked) return null
    const found = priceInputs(fields.priceSection!, priceType)
    return found.length >= want ? found.slice(0, want) : null
  }, 1500)
  if (!inputs && before && before !== radio) before.click()
  return inputs
}

export interface PriceStep {
  field: "priceType" | "price"
  state: "filled" | "failed"
  detail: string
}

/** Write the prices into the chosen form's inputs (from `choosePriceForm`): the price form's and the prices' steps. */
export function writePrices(
  fields: GoodsDialogFields,
  inputs: HTMLInputElement[],
  prices: { priceType: PriceType; price: string; price2: string }
): PriceStep[] {
  const one = EXPECTED_PRICE_INPUTS[prices.priceType] === 1
  const ok = setInputValue(inputs[0], prices.price) && (one || setInputValue(inputs[1], prices.price2))
  return [
    { field: "priceType", state: fields.radios[prices.priceType]?.checked ? "filled" : "failed", detail: PRICE_TYPE_TEXT[prices.priceType] },
    { field: "price", state: ok ? "filled" : "failed", detail: one ? prices.price : `${prices.price} / ${prices.price2}` }
  ]
}

/** Which labelled parts of the dialog are missing for this plan (before anything is written). */
export function missingFields(fields: GoodsDialogFields, plan: Pick<GoodsFillPlan, "priceType" | "cover">): string[] {
  const missing: string[] = []
  if (plan.cover && !fields.coverInput) missing.push(GOODS_LABELS.cover[0])
  if (!fields.nameInput) missing.push(GOODS_LABELS.name[0])
  if (!fields.priceSection) missing.push(GOODS_LABELS.priceForm[0])
  else if (!fields.radios[plan.priceType]) missing.push(`${GOODS_LABELS.priceForm[0]} · ${PRICE_TYPE_TEXT[plan.priceType]}`)
  if (!fields.urlInput) missing.push(GOODS_LABELS.url[0])
  return missing
}

/**
 * Write the plan into the dialog: choose the price form first (its inputs may appear only
 * then), check every input is there, and only then write name, prices, link and cover.
 */
export async function fillGoodsDialog(dialog: HTMLElement, plan: GoodsFillPlan): Promise<FillResult> {
  const fields = collectGoodsDialog(dialog)
  const missing = missingFields(fields, plan)
  if (missing.length) return { outcome: "failed", steps: [], missing }

  const want = EXPECTED_PRICE_INPUTS[plan.priceType]
  const inputs = await choosePriceForm(fields, plan.priceType)
  if (!inputs) {
    return {
      outcome: "failed",
      steps: [],
      missing: [`${PRICE_TYPE_TEXT[plan.priceType]} · ${want === 1 ? "价格" : want === 2 && plan.priceType === 2 ? "价格 - 价格" : "原价 / 现价"}`]
    }
  }

  const steps: FillStep[] = []
  const text = (field: GoodsField, el: HTMLInputElement, value: string) => {
    const ok = setInputValue(el, value)
    steps.push({ field, state: ok ? "filled" : "failed", detail: value })
  }
  text("name", fields.nameInput!, plan.name)
  steps.push(...writePrices(fields, inputs, plan))
  text("url", fields.urlInput!, plan.url)

  if (plan.cover) {
    const ok = setFiles(fields.coverInput!, [plan.cover])
    // The uploader decodes the file asynchronously; its preview is the sign it took it.
    const shown = ok && (await waitFor(() => fields.coverSection?.querySelector("img[src]") ?? null, 3000))
    steps.unshift({ field: "cover", state: ok ? "filled" : "failed", detail: shown || ok ? plan.cover.name : "" })
  } else {
    steps.unshift({ field: "cover", state: "skipped", detail: plan.coverProblem ?? "" })
  }

  const failed = steps.filter((s) => s.state !== "filled").length
  return { outcome: failed === 0 ? "ok" : "partial", steps, missing: [] }
}

/** The dialog's own text for a field label (used in reports). */
export function fieldLabel(field: GoodsField): string {
  return field === "cover" ? "商品封面" : field === "name" ? "商品名称" : field === "url" ? "商品链接" : field === "priceType" ? "价格形式" : "价格"
}
