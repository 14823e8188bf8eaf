// The headless demo's index.html: every step's screenshot in order with its line, for a trainer
// to page through (or print). Texts come from the driver, escaped all the same.

export interface Shot {
  file: string
  title: string
  line: string
  /** The merchant's actions in this step (0 for a view inside a step). */
  actions: number
  ms: number
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
}

export function demoPage(shots: Shot[], meta: { date: string; actions: number; goods: number }): string {
  const items = shots
    .map(
      (s, i) => `  <section>
    <h2>${i + 1}. ${escapeHtml(s.title)}</h2>
    <p>${escapeHtml(s.line)}${s.actions ? ` <small>(${s.actions} 次操作)</small>` : ""}</p>
    <img src="${escapeHtml(encodeURIComponent(s.file))}" alt="${escapeHtml(s.title)}" loading="lazy">
  </section>`
    )
    .join("\n")
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>HiMall 直播助手：操作手册全流程演示</title>
<style>
  body { font: 15px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 1320px; padding: 0 1rem; color: #222; }
  section { margin: 0 0 2.5rem; }
  h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
  p { margin: 0 0 .6rem; }
  img { max-width: 100%; border: 1px solid #ccc; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  small { color: #666; }
</style>
</head>
<body>
<h1>HiMall 直播助手：操作手册五个步骤（沙箱演示）</h1>
<p>资格 → 商品（存入全店、${meta.goods} 件商品经队列保存并提审）→ 直播间（计划 → 创建直播间、HiMall 同步、封面）→ 首页入口 → 开播前提醒。商家操作共 ${meta.actions} 次。<small>${escapeHtml(meta.date)}</small></p>
${items}
</body>
</html>
`
}
