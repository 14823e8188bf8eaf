// The two ways page text is normalised before a rule reads it. Every reader and rule uses these,
// so "the same words" means the same thing everywhere. White space includes the no-break space
// and the ideographic space that Chinese pages use.

const SPACE = /[\s\u00a0\u3000]+/g

/** Runs of white space made one space, ends trimmed ("  直播  链接 " → "直播 链接"). */
export function collapseSpace(text: string | null | undefined): string {
  return (text ?? "").replace(SPACE, " ").trim()
}

/** Every white space removed ("直 播 链 接" → "直播链接"): for Chinese labels that pages space out. */
export function withoutSpace(text: string | null | undefined): string {
  return (text ?? "").replace(SPACE, "")
}
