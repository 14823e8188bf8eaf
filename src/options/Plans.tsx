// Room plans (step 三): the rooms the merchant means to create on WeChat, kept in the
// extension and filled into 创建直播间 with `fill-room`. Listed from the database (live query);
// created, edited and deleted through "extension" messages — the background makes the picked
// pictures into 800×640 ≤ 1 MB and 1080×1920 ≤ 2 MB JPEGs. WeChat's rules are shown as the
// merchant types; a plan that breaks one may still be saved, as a draft.
import { useMutation } from "@tanstack/react-query"
import { useLiveQuery } from "dexie-react-hooks"
import { useEffect, useState, type FormEvent } from "react"

import {
  ANCHOR_NAME_MAX_UNITS,
  counterValue,
  formatRoomTime,
  fromDateTimeLocal,
  planTime,
  ROOM_TITLE_MAX_UNITS,
  roomPlanProblems,
  roomProblems,
  toDateTimeLocal,
  type RoomProblem
} from "~core/room-rules"
import { getDb, type RoomPlanRecord } from "~db/schema"
import { readAsDataUrl } from "~lib/data-url"
import { t } from "~lib/i18n"
import type { PlanImageInput, PlanSaveRequest } from "~protocol/messages"
import { send } from "~lib/send"
import { formatTime } from "~ui/format"

import { PlanGoods } from "./PlanGoods"

/** An image in the editor: the stored one, a newly picked file (sent as a data URL), or none. */
type ImageChoice = { kind: "keep"; bytes: number } | { kind: "picked"; name: string; dataUrl: string } | { kind: "none" }

interface Draft {
  id: number | null
  title: string
  start: string
  end: string
  anchorName: string
  anchorWechat: string
  allowComment: boolean
  crop: boolean
  shareImage: ImageChoice
  roomCover: ImageChoice
}

function draftOf(p: RoomPlanRecord | null): Draft {
  return {
    id: p?.id ?? null,
    title: p?.title ?? "",
    start: toDateTimeLocal(p ? planTime(p.start) : null),
    end: toDateTimeLocal(p ? planTime(p.end) : null),
    anchorName: p?.anchorName ?? "",
    anchorWechat: p?.anchorWechat ?? "",
    allowComment: p?.allowComment ?? true,
    crop: true,
    shareImage: p?.shareImage ? { kind: "keep", bytes: p.shareImage.size } : { kind: "none" },
    roomCover: p?.roomCover ? { kind: "keep", bytes: p.roomCover.size } : { kind: "none" }
  }
}

function problemsOf(d: Draft, now: number): RoomProblem[] {
  return roomProblems(
    {
      title: d.title,
      start: fromDateTimeLocal(d.start),
      end: fromDateTimeLocal(d.end),
      anchorName: d.anchorName,
      anchorWechat: d.anchorWechat,
      hasShareImage: d.shareImage.kind !== "none",
      hasRoomCover: d.roomCover.kind !== "none"
    },
    now
  )
}

function imageInput(c: ImageChoice): PlanImageInput {
  return c.kind === "keep" ? { keep: true } : c.kind === "picked" ? { dataUrl: c.dataUrl } : null
}

function coverProblemText(problem: string): string {
  const text = t(`cover_problem_${problem}`)
  return text === `cover_problem_${problem}` ? problem : text
}

/** The clock the rules are checked against, ticking each half minute (a plan may become too soon). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(id)
  }, [])
  return now
}

export function Plans() {
  const plans = useLiveQuery(() => getDb().plans.orderBy("start").toArray(), [])
  const [editing, setEditing] = useState<Draft | null>(null)
  const [confirming, setConfirming] = useState<number | null>(null)
  const [goodsOf, setGoodsOf] = useState<number | null>(null)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const now = useNow()
  const remove = useMutation({ mutationFn: (id: number) => send("plan.delete", { id }) })

  return (
    <section className="lh-card" aria-labelledby="lh-plans-title" data-lh-section="plans">
      <h2 id="lh-plans-title">{t("plans_title")}</h2>
      <p className="lh-muted">{t("plans_hint")}</p>
      <p className="lh-warning">{t("plans_anchor_binding")}</p>
      {message && (
        <p className={message.error ? "lh-error" : "lh-muted"} role={message.error ? "alert" : "status"} data-lh="plan-message">
          {message.text}
        </p>
      )}
      {plans && plans.length === 0 && !editing && <p className="lh-muted">{t("plans_empty")}</p>}
      <ul className="lh-list">
        {plans?.map((p) => {
          const problems = roomPlanProblems(p, now)
          return (
            <li key={p.id} className="lh-plan" data-lh-plan={String(p.id)} data-lh-plan-problems={problems.join(" ")}>
              <div className="lh-plan-main">
                <span className="lh-plan-title">{p.title || t("room_plan_untitled")}</span>
                <span className="lh-muted">
                  {p.start > 0 && p.end > 0 ? `${formatRoomTime(p.start)} – ${formatRoomTime(p.end)}` : t("room_plan_no_time")} · {p.anchorName || "—"}（
                  {p.anchorWechat || "—"}）
                </span>
                {problems.length > 0 ? (
                  <span className="lh-error">{problems.map((x) => t(`room_problem_${x}`)).join(t("list_separator"))}</span>
                ) : (
                  <span className="lh-muted">{t("plans_ok")}</span>
                )}
                {(p.usedAt || p.roomId) && (
                  <span className="lh-muted">
                    {p.usedAt ? t("plans_used", formatTime(p.usedAt)) : ""}
                    {p.roomId ? ` · ${t("plans_room", String(p.roomId))}` : ""}
                  </span>
                )}
              </div>
              <button type="button" className="lh-btn-plain" data-lh="plan-edit" data-lh-plan-id={String(p.id)} onClick={() => setEditing(draftOf(p))}>
                {t("plans_edit")}
              </button>
              <button
                type="button"
                className="lh-btn-plain"
                data-lh="plan-goods"
                data-lh-plan-id={String(p.id)}
                onClick={() => setGoodsOf(goodsOf === p.id ? null : p.id!)}>
                {t("plan_goods_button", String(p.goods?.length ?? 0))}
              </button>
              {confirming === p.id ? (
                <button
                  type="button"
                  className="lh-btn-plain lh-error"
                  data-lh="plan-delete-confirm"
                  data-lh-plan-id={String(p.id)}
                  onClick={() => {
                    setConfirming(null)
                    if (editing?.id === p.id) setEditing(null)
                    remove.mutate(p.id!)
                  }}>
                  {t("plans_delete_confirm", p.title || t("room_plan_untitled"))}
                </button>
              ) : (
                <button type="button" className="lh-btn-plain" data-lh="plan-delete" data-lh-plan-id={String(p.id)} onClick={() => setConfirming(p.id!)}>
                  {t("plans_delete")}
                </button>
              )}
            </li>
          )
        })}
      </ul>
      {goodsOf !== null && <PlanGoods planId={goodsOf} onClose={() => setGoodsOf(null)} />}
      {editing ? (
        <PlanEditor
          key={editing.id ?? "new"}
          initial={editing}
          now={now}
          onDone={(text, error) => {
            setMessage(text ? { text, error } : null)
            if (!error) setEditing(null)
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" className="lh-btn" data-lh="plan-add" onClick={() => (setMessage(null), setEditing(draftOf(null)))}>
          {t("plans_add")}
        </button>
      )}
    </section>
  )
}

function PlanEditor({
  initial,
  now,
  onDone,
  onCancel
}: {
  initial: Draft
  now: number
  onDone: (message: string, error: boolean) => void
  onCancel: () => void
}) {
  const [d, setD] = useState<Draft>(initial)
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((old) => ({ ...old, [k]: v }))
  const problems = problemsOf(d, now)
  const save = useMutation({
    mutationFn: (req: PlanSaveRequest) => send("plan.save", req),
    onSuccess: (r) => {
      const failed = [r.imageProblems.shareImage, r.imageProblems.roomCover].filter((x): x is string => !!x)
      if (failed.length) onDone(t("plans_image_failed", failed.map(coverProblemText).join(t("list_separator"))), true)
      else onDone(t("plans_saved"), false)
      if (failed.length)
        setD((old) => ({
          ...old,
          id: r.plan.id,
          shareImage: keptAfter(old.shareImage, r.plan.shareImage),
          roomCover: keptAfter(old.roomCover, r.plan.roomCover)
        }))
    },
    onError: (e) => onDone(t("plans_save_failed", e instanceof Error ? e.message : String(e)), true)
  })

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({
      id: d.id,
      title: d.title,
      start: fromDateTimeLocal(d.start),
      end: fromDateTimeLocal(d.end),
      anchorName: d.anchorName,
      anchorWechat: d.anchorWechat,
      allowComment: d.allowComment,
      fit: d.crop ? "crop" : "contain",
      shareImage: imageInput(d.shareImage),
      roomCover: imageInput(d.roomCover)
    })
  }

  const pick = async (k: "shareImage" | "roomCover", file: File | undefined) => {
    if (!file) return
    set(k, { kind: "picked", name: file.name, dataUrl: await readAsDataUrl(file) })
  }

  const imageField = (k: "shareImage" | "roomCover", label: string, lh: string) => {
    const c = d[k]
    const id = `lh-plan-${lh}`
    return (
      <div className="lh-plan-field">
        <label htmlFor={id}>{label}</label>
        <input id={id} type="file" accept="image/*" data-lh={lh} onChange={(e) => void pick(k, e.target.files?.[0])} />
        <span className="lh-muted" data-lh-image-state={c.kind}>
          {c.kind === "keep" ? `${Math.ceil(c.bytes / 1024)} KB` : c.kind === "picked" ? t("plans_image_picked", c.name) : t("plans_image_none")}
        </span>
        {c.kind !== "none" && (
          <button type="button" className="lh-btn-plain" onClick={() => set(k, { kind: "none" })}>
            {t("plans_image_remove")}
          </button>
        )}
      </div>
    )
  }

  return (
    <form className="lh-plan-editor" onSubmit={onSubmit} data-lh="plan-editor" aria-label={t("plans_title")}>
      <CountedText id="lh-plan-title" label={t("plans_field_title")} value={d.title} maxUnits={ROOM_TITLE_MAX_UNITS} onChange={(v) => set("title", v)} />
      <div className="lh-plan-field">
        <label htmlFor="lh-plan-start">{t("plans_field_start")}</label>
        <input id="lh-plan-start" type="datetime-local" value={d.start} onChange={(e) => set("start", e.target.value)} />
        <label htmlFor="lh-plan-end">{t("plans_field_end")}</label>
        <input id="lh-plan-end" type="datetime-local" value={d.end} onChange={(e) => set("end", e.target.value)} />
      </div>
      <CountedText
        id="lh-plan-anchor"
        label={t("plans_field_anchor_name")}
        value={d.anchorName}
        maxUnits={ANCHOR_NAME_MAX_UNITS}
        onChange={(v) => set("anchorName", v)}
      />
      <div className="lh-plan-field">
        <label htmlFor="lh-plan-wechat">{t("plans_field_anchor_wechat")}</label>
        <input id="lh-plan-wechat" type="text" spellCheck={false} value={d.anchorWechat} onChange={(e) => set("anchorWechat", e.target.value)} />
      </div>
      <div className="lh-plan-field" role="radiogroup" aria-labelledby="lh-plan-comment">
        <span id="lh-plan-comment">{t("plans_field_allow_comment")}</span>
        <label>
          <input type="radio" name="lh-plan-comment" checked={d.allowComment} onChange={() => set("allowComment", true)} /> {t("plans_yes")}
        </label>
        <label>
          <input type="radio" name="lh-plan-comment" checked={!d.allowComment} onChange={() => set("allowComment", false)} /> {t("plans_no")}
        </label>
      </div>
      {imageField("shareImage", t("plans_field_share_image"), "plan-share-image")}
      {imageField("roomCover", t("plans_field_room_cover"), "plan-room-cover")}
      <div className="lh-plan-field">
        <label>
          <input type="checkbox" checked={d.crop} onChange={(e) => set("crop", e.target.checked)} /> {t("plans_fit_crop")}
        </label>
      </div>
      {problems.length > 0 ? (
        <div className="lh-error" data-lh="plan-problems">
          <p>{t("plans_problems")}</p>
          <ul>
            {problems.map((p) => (
              <li key={p} data-lh-problem={p}>
                {t(`room_problem_${p}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="lh-muted" data-lh="plan-problems" data-lh-ok="">
          {t("plans_ok")}
        </p>
      )}
      <div className="lh-row">
        <button type="submit" className="lh-btn" data-lh="plan-save" disabled={save.isPending}>
          {problems.length ? t("plans_save_draft") : t("plans_save")}
        </button>
        <button type="button" className="lh-btn-plain" data-lh="plan-cancel" onClick={onCancel}>
          {t("plans_cancel")}
        </button>
      </div>
    </form>
  )
}

/** After a save whose picture failed: the image the plan kept (or none). */
/** A text field of the plan with WeChat's counter beside it (characters typed / allowed, as WeChat counts them). */
function CountedText({
  id,
  label,
  value,
  maxUnits,
  onChange
}: {
  id: string
  label: string
  value: string
  maxUnits: number
  onChange: (value: string) => void
}) {
  return (
    <div className="lh-plan-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} onChange={(e) => onChange(e.target.value)} />
      <span className="lh-muted">{t("plans_counter", [String(counterValue(value)), String(maxUnits / 2)])}</span>
    </div>
  )
}

function keptAfter(c: ImageChoice, facts: { bytes: number } | null): ImageChoice {
  return c.kind === "picked" ? (facts ? { kind: "keep", bytes: facts.bytes } : { kind: "none" }) : c
}
