import sharp from "sharp"
import { productImage } from "./images"
import { IMAGE_KINDS as K } from "./seed"
for (const k of K) {
  const t = Date.now()
  const p = productImage(129, k, 0); if (!p) { console.log(k, 'none'); continue }
  const b = await p; const m = await sharp(b).metadata()
  const th = await productImage(129, k, 220)!; const mt = await sharp(th).metadata()
  console.log(k, b.length, m.format, m.width, m.height, m.channels, m.space, '| thumb', th.length, mt.format, mt.width, mt.height, Date.now()-t, 'ms')
}
await sharp(await productImage(19,'alpha-2000',350)!).toFile('/tmp/a.png')
await sharp(await productImage(129,'photo',0)!).resize(800).toFile('/tmp/p.jpg')
