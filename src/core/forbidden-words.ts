// Words WeChat's goods review rejects under the advertising law's absolute-term rule.
//
// Source: 《中华人民共和国广告法》 (2015, amended 2021) 第九条第（三）项 forbids "使用'国家级'、
// '最高级'、'最佳'等用语"; the State Administration for Market Regulation's guidance and the
// platforms' published review lists (WeChat 小程序直播 商品审核, 微信广告审核规范 "绝对化用语")
// extend it to superlatives (最…), firsts (第一, 首…), top grades (顶级, 极品), guarantees
// (100%, 绝对) and price extremes (全网最低). Maintained here; add a term with its category.
// Pure: no browser API.
import { collapseSpace } from "./text"

type ForbiddenCategory = "superlative" | "first" | "grade" | "national" | "absolute" | "price"

interface ForbiddenWord {
  word: string
  category: ForbiddenCategory
}

const list = (category: ForbiddenCategory, words: string): ForbiddenWord[] =>
  words
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => ({ word, category }))

/** The maintained list (longer terms first when they overlap: matching prefers the longest). */
const FORBIDDEN_WORDS: readonly ForbiddenWord[] = [
  ...list("price", "全网最低价 全网最低 史上最低价 史上最低 最低价 最便宜 全网最便宜 击穿底价 亏本价 跳楼价"),
  ...list(
    "superlative",
    "最佳 最好 最优 最大 最高 最低 最强 最新 最先进 最火 最热 最受欢迎 最具 最全 最正宗 最专业 最时尚 最后一波 最 史无前例 前无古人 无与伦比 登峰造极"
  ),
  ...list("first", "第一品牌 销量第一 全国第一 全球第一 第一 NO.1 No.1 no.1 TOP1 Top1 首个 首选 首家 首发 唯一 独一无二 独家 冠军 销量冠军"),
  ...list("grade", "顶级 顶尖 极品 极致 终极 王牌 至尊 巅峰 殿堂级 世界级 全球级 宇宙级 旗舰级"),
  ...list("national", "国家级 国家级产品 国家免检 国家领导人推荐 国宴专供 特供 专供"),
  ...list("absolute", "100% 百分百 百分之百 绝对 万能 永久 包治百病 零风险 无副作用 一次见效 立竿见影 点击领奖 恭喜获奖")
]

export interface ForbiddenHit {
  word: string
  category: ForbiddenCategory
  /** Index in the text (UTF-16). */
  index: number
}

const SORTED = [...FORBIDDEN_WORDS].sort((a, b) => b.word.length - a.word.length)

/** Every forbidden term in `text`, left to right, longest first where they overlap. */
export function findForbiddenWords(text: string): ForbiddenHit[] {
  const hits: ForbiddenHit[] = []
  const lower = text.toLowerCase()
  let i = 0
  while (i < text.length) {
    const w = SORTED.find((f) => lower.startsWith(f.word.toLowerCase(), i))
    if (w) {
      hits.push({ word: text.slice(i, i + w.word.length), category: w.category, index: i })
      i += w.word.length
    } else i++
  }
  return hits
}

/** The text with every forbidden term taken out (spaces tidied): a suggestion, never applied silently. */
export function withoutForbiddenWords(text: string): string {
  const hits = findForbiddenWords(text)
  let out = ""
  let at = 0
  for (const h of hits) {
    out += `${text.slice(at, h.index)} `
    at = h.index + h.word.length
  }
  out += text.slice(at)
  return (
    collapseSpace(out.replace(/【\s*】|\[\s*\]|（\s*）|\(\s*\)|「\s*」/g, " "))
      // eslint-disable-next-line no-control-regex -- the range \x00-\x7f is ASCII, on purpose
      .replace(/(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])/g, "")
      .replace(/^[\s,，、!！~～|/]+|[\s,，、!！~～|/]+$/g, "")
      .trim()
  )
}
