// job: the merchant's whole job with the extension — enable the shop, capture all, 50 products
// through the queue to 保存并提审, one room from a plan, its HiMall sync and cover, the entrance —
// driven in the sandbox (scripts/demo/job.ts, the driver `npm start` walks too), every user
// action counted; against the same job by hand (scripts/demo/manual.ts, a scripted model of the
// manual's steps). Goal: at least 10× fewer actions; a breakdown per step.
import { clearExtensionData, MERCHANT_TABLES } from "../../test/support/goods"
import { cleanProducts, runJob, STEPS, type CountedAction } from "../demo/job"
import { manualJob } from "../demo/manual"
import type { BenchContext } from "./context"
import { countActions, ratio, single, withGoal } from "./stats"

export const JOB_GOODS = 50
export const JOB_ACTIONS_RATIO_GOAL = 10

function byStep(actions: CountedAction[]) {
  return Object.fromEntries(STEPS.filter((s) => !s.demo).map((s) => [s.id, actions.filter((a) => a.step === s.id).length]))
}

export async function benchJob(ctx: BenchContext) {
  const { sandbox, ext } = ctx
  await clearExtensionData(ext, MERCHANT_TABLES)
  ctx.log(`job: the whole job with ${JOB_GOODS} products`)
  const { actions, steps } = await runJob({ sandbox, ext, goods: JOB_GOODS, log: (m) => ctx.log(`job: ${m}`) })
  for (const page of ext.context.pages()) await page.close()
  // The same shop, by hand: each product with a price range or one price.
  sandbox.shop().reset()
  const seed = (
    sandbox.shop().getState() as { products: { id: number; name: string; imageKind?: string; price: number | string; maxPrice?: number | string }[] }
  ).products
  const shop = cleanProducts(seed, JOB_GOODS)
  const manual = manualJob(shop.map((p) => Number(p.maxPrice ?? 0) > Number(p.price)))
  const ext_ = actions.list
  const perStep = Object.fromEntries(
    STEPS.filter((s) => !s.demo).map((s) => {
      const e = ext_.filter((a) => a.step === s.id).length
      const m = manual.filter((a) => a.step === s.id).length
      return [s.id, { title: s.title, extension: e, manual: m, ms: steps.find((d) => d.id === s.id)?.ms ?? null }]
    })
  )
  return {
    job_products: JOB_GOODS,
    job_extension_actions: { ...countActions(ext_), byStep: byStep(ext_), not_driven: ext_.filter((a) => !a.driven).map((a) => a.what) },
    job_manual_actions: { ...countActions(manual), byStep: byStep(manual), steps: undefined },
    job_by_step: perStep,
    job_actions_ratio: withGoal(single(ratio(manual.length, ext_.length) ?? 0), JOB_ACTIONS_RATIO_GOAL, "at_least")
  }
}
