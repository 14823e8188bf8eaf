// The rules WeChat's live console enforces on goods and rooms (shared/docs/domain.md), shared
// by the sandbox pages (loaded in the browser as an ES module) and the sandbox server
// (imported by site.ts), so that both judge a form the same way and show the same texts.

/** Length in WeChat units: a Chinese (any non-ASCII) character counts 2, an ASCII one 1. */
export function textUnits(text) {
  let units = 0
  for (const ch of String(text ?? "")) units += ch.codePointAt(0) > 0x7f ? 2 : 1
  return units
}

/** The counter next to a text input: Chinese characters, ASCII counting half, rounded up. */
export function counterValue(text) {
  return Math.ceil(textUnits(text) / 2)
}

export const LIMITS = {
  goodsName: { min: 6, max: 28 }, // 3 to 14 Chinese characters
  goodsCover: { bytes: 50 * 1024, pixels: 300 },
  roomName: { min: 6, max: 34 }, // 3 to 17 Chinese characters
  anchorName: { min: 4, max: 30 }, // 2 to 15 Chinese characters
  shareCoverBytes: 1024 * 1024,
  roomCoverBytes: 2 * 1024 * 1024
}

const MINUTE = 60 * 1000

/** live_status as the console words it. */
export const LIVE_STATUS = {
  101: "直播中",
  102: "未开始",
  103: "已结束",
  104: "禁播",
  105: "暂停",
  106: "异常",
  107: "已过期"
}

/** Error text for one price, or "" when it is a yuan amount > 0 with at most 2 decimals. */
function priceError(value, what) {
  const v = String(value ?? "").trim()
  if (!v) return `请输入${what}`
  if (!/^\d+(\.\d{1,2})?$/.test(v) || Number(v) <= 0) return `${what}必须大于0，且最多保留两位小数`
  return ""
}

/** WeChat error code reported by the server for each goods field. */
export const GOODS_ERROR_CODE = { cover: 300018, name: 300002, price: 300003, url: 300007 }

/**
 * Validate the 添加商品 form, given in the shape of window.__fixture.goodsForm().
 * Returns { field: message } for the fields in error (cover, name, price, url); {} when valid.
 */
export function validateGoods(form) {
  /** @type {Record<string, string>} */
  const errors = {}
  const cover = form.cover
  if (!cover) errors.cover = "请上传商品封面"
  else if (cover.bytes > LIMITS.goodsCover.bytes) errors.cover = "图片大小不得超过50K，请压缩后重新上传"
  else if (cover.width > LIMITS.goodsCover.pixels || cover.height > LIMITS.goodsCover.pixels)
    errors.cover = "图片尺寸不得超过300像素 * 300像素，建议尺寸200像素 * 200像素"

  const name = String(form.name ?? "").trim()
  const units = textUnits(name)
  if (!name) errors.name = "请输入商品名称"
  else if (units < LIMITS.goodsName.min) errors.name = "商品名称不得少于3个汉字（6个字符）"
  else if (units > LIMITS.goodsName.max) errors.name = "商品名称不得超过14个汉字（28个字符）"

  const type = Number(form.priceType)
  let price = ""
  if (type === 1) price = priceError(form.price, "价格")
  else if (type === 2) {
    price = priceError(form.price, "最低价格") || priceError(form.price2, "最高价格")
    if (!price && Number(form.price) >= Number(form.price2)) price = "价格区间的最低价格必须小于最高价格"
  } else if (type === 3) {
    price = priceError(form.price, "原价") || priceError(form.price2, "现价")
    if (!price && Number(form.price2) >= Number(form.price)) price = "现价必须小于原价"
  } else price = "请选择价格形式"
  if (price) errors.price = price

  const url = String(form.url ?? "").trim()
  if (!url) errors.url = "请输入商品链接"
  else if (/^[a-z]+:\/\//i.test(url)) errors.url = "请填写小程序页面路径，不支持网页链接"
  else if (url.startsWith("/")) errors.url = "商品链接不能以“/”开头"
  else if (/%2F/i.test(url) || /^pages%/i.test(url)) errors.url = "商品链接格式错误，请勿对整个页面路径进行URL编码"
  return errors
}

/** Parse "YYYY-MM-DD HH:mm" (also with "/" or "T", optional seconds) as local time; null if not. */
export function parseLocalTime(text) {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(String(text ?? "").trim())
  if (!m) return null
  const [, y, mo, d, h, mi, s] = m.map(Number)
  const date = new Date(y, mo - 1, d, h, mi, s || 0)
  return date.getMonth() === mo - 1 && date.getDate() === d ? date : null
}

/** Format a date (or ISO string) as "YYYY-MM-DD HH:mm" in local time. */
export function formatLocalTime(value) {
  const d = new Date(value)
  const p = (n) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/**
 * Validate the 创建直播间 form, given in the shape of window.__fixture.roomForm()
 * (start/end ISO strings). Returns { field: message } for the fields in error
 * (name, time, anchorName, anchorWechat, shareCover, roomCover); {} when valid.
 */
export function validateRoom(form, now = Date.now()) {
  /** @type {Record<string, string>} */
  const errors = {}
  const name = String(form.name ?? "").trim()
  if (!name) errors.name = "请输入直播标题"
  else if (textUnits(name) < LIMITS.roomName.min) errors.name = "直播标题不得少于3个汉字（6个字符）"
  else if (textUnits(name) > LIMITS.roomName.max) errors.name = "直播标题不得超过17个汉字（34个字符）"

  const start = form.start ? Date.parse(form.start) : NaN
  const end = form.end ? Date.parse(form.end) : NaN
  const latest = new Date(now)
  latest.setMonth(latest.getMonth() + 6)
  if (Number.isNaN(start) || Number.isNaN(end)) errors.time = "请选择开播时间"
  else if (start < now + 10 * MINUTE) errors.time = "开播时间需在当前时间10分钟后"
  else if (start > latest.getTime()) errors.time = "开播时间不能在6个月后"
  else if (end - start < 30 * MINUTE) errors.time = "开播时间段不得短于30分钟"
  else if (end - start > 24 * 60 * MINUTE) errors.time = "开播时间段不得超过24小时"

  const anchor = String(form.anchorName ?? "").trim()
  if (!anchor) errors.anchorName = "请输入主播昵称"
  else if (textUnits(anchor) < LIMITS.anchorName.min) errors.anchorName = "主播昵称不得少于2个汉字（4个字符）"
  else if (textUnits(anchor) > LIMITS.anchorName.max) errors.anchorName = "主播昵称不得超过15个汉字（30个字符）"

  if (!String(form.anchorWechat ?? "").trim()) errors.anchorWechat = "请输入主播微信账号"

  if (!form.shareCover) errors.shareCover = "请上传分享卡片封面"
  else if (form.shareCover.bytes > LIMITS.shareCoverBytes) errors.shareCover = "图片大小不得超过1M"
  if (!form.roomCover) errors.roomCover = "请上传直播间封面"
  else if (form.roomCover.bytes > LIMITS.roomCoverBytes) errors.roomCover = "图片大小不得超过2M"
  return errors
}

/** The 300036 answer for an anchor whose WeChat account is not real-name verified. */
export const UNVERIFIED_ANCHOR = "主播微信号未实名认证，请主播先在“小程序直播”小程序完成实名认证（300036）"
