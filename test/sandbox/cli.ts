// `npm run sandbox`: start the sandbox servers on loopback and print the host-resolver rules.
import { startSandbox } from "./server"

const port = (name: string) => {
  const v = process.env[name]
  return v ? Number(v) : undefined
}

const sb = await startSandbox({
  wechatPort: port("SANDBOX_WECHAT_PORT"),
  himallPort: port("SANDBOX_HIMALL_PORT"),
  quiet: process.env.SANDBOX_QUIET === "1"
})
console.log(`WeChat console  https://mp.weixin.qq.com/  -> 127.0.0.1:${sb.wechatPort}`)
console.log(`HiMall shop     ${sb.shopOrigin}/Admin/Product/Management  -> 127.0.0.1:${sb.himallPort}`)
console.log(`Start Chromium with:`)
console.log(`  --host-resolver-rules="${sb.hostRules}" --ignore-certificate-errors`)
console.log(`HOST_RULES=${sb.hostRules}`)
const stop = async () => {
  await sb.close()
  process.exit(0)
}
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
