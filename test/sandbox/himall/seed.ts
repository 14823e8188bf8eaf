// Seed data of a HiMall shop: products, shops, live rooms, the mini-program homepage.
// Everything is deterministic: every shop host starts from the same seed.

/**
 * What the product's image files (`/Storage/Shop/{shopId}/Products/{id}/1.png` and its
 * thumbnails) answer. See images.ts for the exact bytes.
 * - `jpeg`        800×800 JPEG (the usual HiMall upload), bytes are JPEG under the .png name
 * - `photo`       4000×3000 photo-like JPEG (several MB) under the .png name
 * - `png`         800×800 opaque PNG
 * - `alpha-2000`  2000×2000 PNG, product on a transparent background
 * - `alpha-600`   600×600 PNG, product on a transparent background
 * - `gif`         500×500 GIF
 * - `webp`        800×800 WebP
 * - `cmyk`        800×800 CMYK JPEG
 * - `tall`        800×2400 JPEG
 * - `wide`        2400×800 JPEG
 * - `missing`     404 with IIS's HTML error page
 * - `html`        200 text/html: the admin login page (an expired session answer)
 * - `empty`       200 image/png with a 0-byte body
 * - `slow`        an 800×800 JPEG answered after a 10 s delay
 * Used by no seed product (tests seed them), not in IMAGE_KINDS:
 * - `huge`        12000×9000 PNG (108 megapixels, a small file: 1-bit grey, compressed)
 * - `heavy`       a 30 MB PNG file: an 800×800 picture carrying a 30 MB private chunk
 * Their thumbnails are those of `png` (800×800 opaque PNG, scaled).
 */
export type ImageKind =
  "jpeg" | "photo" | "png" | "alpha-2000" | "alpha-600" | "gif" | "webp" | "cmyk" | "tall" | "wide" | "missing" | "html" | "empty" | "slow" | "huge" | "heavy"

/** The kinds of the seed products (every one shows on the grid's first page). */
export const IMAGE_KINDS: ImageKind[] = [
  "jpeg",
  "photo",
  "png",
  "alpha-2000",
  "alpha-600",
  "gif",
  "webp",
  "cmyk",
  "tall",
  "wide",
  "missing",
  "html",
  "empty",
  "slow"
]

/**
 * A product as the shop stores it (GET /__fixture/state → products[]).
 * `price` / `maxPrice` are numbers, except for a few products whose prices are kept as text
 * (as some HiMall view models expose decimals); the list endpoint passes them on as stored.
 * saleStatus: 1 销售中 · 2 仓库中 · 3 草稿箱. auditStatus: 1 待审核 · 2 审核通过 · 3 未通过 · 4 违规下架.
 */
export interface Product {
  id: number
  name: string
  price: number | string
  maxPrice: number | string
  shopId: number
  shopName: string
  brandName: string
  categoryName: string
  productCode: string
  saleStatus: number
  auditStatus: number
  /** 0 physical, 1 virtual (shown as "(虚拟)" under the price). */
  productType: number
  saleCounts: number
  virtualSaleCounts: number
  /** Display sequence (序号). */
  displaySequence: number
  /** "yyyy-MM-dd HH:mm:ss", China time, as HiMall formats it. */
  addedDate: string
  imageKind: ImageKind
}

/** A live room as HiMall keeps it (GET /__fixture/state → rooms[]). */
export interface Room {
  roomId: number
  name: string
  anchorName: string
  anchorWechat: string
  shopId: number
  shopName: string
  /** 101 直播中 · 102 未开始 · 103 已结束 · 104 禁播 · 105 暂停 · 106 异常 · 107 已过期; 0 未提交审核 · 1 审核中. */
  status: number
  statusDesc: string
  /** ISO timestamps. */
  start: string
  end: string
  /** HiMall's own cover (设置封面图), "" when unset; never overwritten by a sync. */
  coverImg: string
  /** Display sequence (序号). */
  sequence: number
  cartMember: number
  cartCount: number
  payMember: number
  payOrders: number
  payAmount: number
  /** HiMall's own key of the row (`Id`), not the room id. */
  id: number
  /** Replay addresses (HiMall's `RecordingUrlList`); 删除回放 empties them. */
  recordingUrls: string[]
  /** Product ids in the room (直播商品). */
  products: number[]
}

/**
 * The mini-program homepage (首页配置): a list of modules, top to bottom.
 * - `imageNav`  图片导航: items each with 导航名称 `name`, an `image`, and 链接到:
 *               `linkType` (the menu entry, e.g. 小程序直播), `linkName` (the target's name,
 *               equal to linkType for list pages) and `link` (the mini-program path).
 * - `liveRooms` 直播间: lists the shop's rooms (`/pages/livedetail/livedetail?roomid=…`).
 * - `title`     标题: a text heading (`text`).
 * - `blank`     辅助空白: vertical space (`height` px).
 */
export interface NavItem {
  name: string
  image: string
  linkType: string
  linkName: string
  link: string
}
export type HomeModule = { type: "imageNav"; items: NavItem[] } | { type: "liveRooms" } | { type: "title"; text: string } | { type: "blank"; height: number }
export interface Homepage {
  modules: HomeModule[]
}

export const SHOPS: Record<number, string> = {
  1: "羽逸ifc",
  2: "陈陈店铺",
  3: "官方自营店",
  4: "天荣茶业"
}

export const STATUS_DESC: Record<number, string> = {
  0: "未提交审核",
  1: "审核中",
  101: "直播中",
  102: "未开始",
  103: "已结束",
  104: "禁播",
  105: "暂停",
  106: "异常",
  107: "已过期"
}

/** The link targets of 图片导航 items with a fixed page (the 修改 menu's list entries). */
export const NAV_PAGES: Record<string, string> = {
  限时购列表: "/pages/countdownlist/countdownlist",
  拼团列表: "/pages/grouplist/grouplist",
  积分商城: "/pages/integralmall/integralmall",
  分类列表: "/pages/category/category",
  周边: "/pages/shopnearby/shopnearby",
  微店: "/pages/vshoplist/vshoplist",
  商家入驻: "/pages/settled/settled",
  小程序直播: "/pages/livelist/livelist"
}

/** Ordinary products: [name, min price, max price (0 = single price), brand, category]. */
const ORDINARY: [string, number, number, string, string][] = [
  ["纯棉圆领短袖T恤", 39, 0, "", "男装"],
  ["冬季加厚羽绒服女中长款", 599, 899, "波司登", "外套"],
  ["小米移动电源10000毫安", 79, 0, "小米", "数码"],
  ["西湖龙井明前特级绿茶250g", 268, 0, "天荣", "茶叶"],
  ["婴儿纸尿裤L码", 89, 129, "花王", "母婴"],
  ["保温杯316不锈钢大容量", 59, 99, "", "家居"],
  ["蓝牙无线耳机", 199, 0, "", "数码"],
  ["法式复古碎花连衣裙", 168, 0, "", "女装"],
  ["补水保湿面膜20片", 99, 0, "", "美妆"],
  ["手工牛轧糖500g", 45, 0, "", "食品"],
  ["实木儿童书桌", 899, 1299, "", "家居"],
  ["运动跑步鞋男", 299, 369, "李宁", "鞋靴"],
  ["安化黑茶金花茯砖", 158, 0, "天荣", "茶叶"],
  ["四件套纯棉床上用品", 239, 329, "", "家居"],
  ["有机五常大米5kg", 79.9, 0, "", "食品"],
  ["飞利浦电动牙刷", 399, 0, "飞利浦", "数码"],
  ["男士商务休闲夹克", 328, 0, "", "外套"],
  ["宝宝辅食米粉", 48, 0, "", "母婴"],
  ["真丝丝巾", 128, 0, "", "配饰"],
  ["不粘锅炒锅32cm", 149, 189, "", "家居"]
]
const VARIANTS = ["", " 经典款", " 2020新款", " 升级版", " 礼盒装", " 限量版"]

/**
 * Hand-written products with something to test. Ids 116–130 are the first page of the
 * default list (newest first), so every image kind shows there.
 */
const SPECIAL: Partial<Product>[] = [
  {
    id: 130,
    name: "yuyisky虚拟商品",
    price: 100,
    shopId: 1,
    categoryName: "外套",
    productCode: "83177006",
    saleCounts: 11,
    productType: 1,
    addedDate: "2020-02-14 14:25:37",
    imageKind: "jpeg"
  },
  {
    id: 129,
    name: "CC虚拟商品",
    price: 100,
    shopId: 2,
    categoryName: "cx02",
    productCode: "55863958",
    saleCounts: 4,
    productType: 1,
    addedDate: "2020-02-14 14:12:05",
    imageKind: "photo"
  },
  {
    id: 128,
    name: "韩国VVC 防晒口罩女夏季防紫外线透气冰丝口罩",
    price: 68,
    shopId: 2,
    brandName: "韩国VVC",
    categoryName: "cx02",
    productCode: "58802476",
    saleCounts: 26,
    addedDate: "2020-02-13 19:37:51",
    imageKind: "jpeg"
  },
  {
    id: 127,
    name: "赏芯防晒冰丝口罩夏季薄款透气可清洗",
    price: 49,
    shopId: 2,
    categoryName: "cx02",
    productCode: "28669845",
    saleCounts: 8,
    addedDate: "2020-02-13 19:37:12",
    imageKind: "alpha-600"
  },
  {
    id: 126,
    name: "🔥爆款 冰丝凉席三件套 ❄️",
    price: 159,
    maxPrice: 259,
    shopId: 1,
    categoryName: "家居",
    productCode: "30115826",
    saleCounts: 132,
    addedDate: "2020-02-12 10:03:44",
    imageKind: "gif"
  },
  {
    id: 125,
    name: "<b>加粗</b>商品",
    price: 19.9,
    shopId: 1,
    categoryName: "食品",
    productCode: "30115825",
    saleCounts: 3,
    addedDate: "2020-02-12 09:58:20",
    imageKind: "webp"
  },
  { id: 124, name: "   ", price: 10, shopId: 1, categoryName: "食品", productCode: "30115824", addedDate: "2020-02-11 16:41:09", imageKind: "tall" },
  {
    id: 123,
    name: '儿童"安全"座椅 & 配件 <ISOFIX接口>',
    price: 699,
    maxPrice: 899,
    shopId: 3,
    categoryName: "母婴",
    productCode: "30115823",
    saleCounts: 17,
    addedDate: "2020-02-11 15:20:00",
    imageKind: "wide"
  },
  {
    id: 122,
    name: "茶",
    price: 0.01,
    shopId: 4,
    brandName: "天荣",
    categoryName: "茶叶",
    productCode: "30115822",
    addedDate: "2020-02-11 11:11:11",
    imageKind: "missing"
  },
  {
    id: 121,
    name: "  纯棉T恤  ",
    price: "59.90",
    maxPrice: "59.90",
    shopId: 1,
    categoryName: "男装",
    productCode: "30115821",
    saleCounts: 45,
    addedDate: "2020-02-10 20:15:33",
    imageKind: "html"
  },
  {
    id: 120,
    name: "进口红酒 法国波尔多干红葡萄酒750ml×6支整箱装",
    price: 99999.99,
    shopId: 3,
    categoryName: "食品",
    productCode: "30115820",
    saleCounts: 1,
    addedDate: "2020-02-10 18:00:00",
    imageKind: "empty"
  },
  {
    id: 119,
    name: "慢慢来的手工皂",
    price: "128.5",
    maxPrice: "168",
    shopId: 1,
    categoryName: "美妆",
    productCode: "30115819",
    saleCounts: 6,
    addedDate: "2020-02-10 09:30:00",
    imageKind: "slow"
  },
  {
    id: 118,
    name: "简约陶瓷马克杯",
    price: 35,
    maxPrice: 35,
    shopId: 1,
    categoryName: "家居",
    productCode: "30115818",
    saleCounts: 58,
    addedDate: "2020-02-09 14:02:10",
    imageKind: "png"
  },
  {
    id: 117,
    name: "印刷版宣传册定制",
    price: 2.5,
    maxPrice: 12,
    shopId: 2,
    categoryName: "办公",
    productCode: "30115817",
    addedDate: "2020-02-09 11:45:00",
    imageKind: "cmyk"
  },
  {
    id: 116,
    name: "yuyisky测试商品（勿拍）",
    price: 1,
    shopId: 1,
    categoryName: "外套",
    productCode: "30115816",
    auditStatus: 1,
    addedDate: "2020-02-08 17:20:00",
    imageKind: "jpeg"
  },
  {
    id: 19,
    name: "天使旅行箱",
    price: 399,
    maxPrice: 488,
    shopId: 1,
    brandName: "天使",
    categoryName: "箱包",
    productCode: "83150019",
    saleCounts: 21,
    addedDate: "2019-11-05 10:12:40",
    imageKind: "alpha-2000"
  }
]

/** Ids never used (deleted products), so that ids have gaps as in a real shop. */
const DELETED = new Set([7, 23, 45, 61, 88, 97, 112])

/** A few photo-sized originals further down the list too. */
const PHOTO_IDS = new Set([33, 60, 90, 104])

const pad = (n: number) => String(n).padStart(2, "0")

/** addedDate for ordinary product `id`: older ids are older, a few hours apart. */
function dateFor(id: number): string {
  const t = Date.UTC(2019, 8, 1, 1, 0, 0) + id * 13 * 3600_000 + (id % 7) * 60_000 * 17 + (id % 11) * 1000 * 7
  const d = new Date(t)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** Shop of ordinary product `id`: about a third are shop 1's (the seller backend's own). */
function shopFor(id: number): number {
  if (id % 3 === 0) return 2
  if (id % 5 === 1) return 3
  if (id % 7 === 2) return 4
  return 1
}

function ordinary(id: number): Product {
  const [base, min, max, brand, category] = ORDINARY[id % ORDINARY.length]
  const shopId = shopFor(id)
  return {
    id,
    name: base + VARIANTS[Math.floor(id / ORDINARY.length) % VARIANTS.length],
    price: min,
    maxPrice: max || min,
    shopId,
    shopName: SHOPS[shopId],
    brandName: brand,
    categoryName: category,
    productCode: String(30115700 + id * 37),
    // A few waiting for review, a few taken down, a few in the warehouse.
    saleStatus: id % 17 === 5 ? 2 : 1,
    auditStatus: id % 19 === 4 ? 1 : id % 23 === 9 ? 4 : 2,
    productType: 0,
    saleCounts: (id * 7) % 50,
    virtualSaleCounts: id % 13 === 0 ? 100 : 0,
    displaySequence: 0,
    addedDate: dateFor(id),
    imageKind: PHOTO_IDS.has(id) ? "photo" : "jpeg"
  }
}

export function seedProducts(): Product[] {
  const special = new Map(SPECIAL.map((p) => [p.id!, p]))
  const out: Product[] = []
  for (let id = 1; id <= 130; id++) {
    if (DELETED.has(id)) continue
    const base = ordinary(id)
    const s = special.get(id)
    if (!s) {
      out.push(base)
      continue
    }
    const shopId = s.shopId ?? base.shopId
    out.push({
      ...base,
      brandName: "",
      saleCounts: 0,
      saleStatus: 1,
      auditStatus: 2,
      ...s,
      maxPrice: s.maxPrice ?? s.price ?? base.price,
      shopName: SHOPS[shopId]
    } as Product)
  }
  return out
}

/**
 * `count` plain products of shops 1–4 for large shops (capture-all's tests and bench): ids
 * 1…count, `测试商品{id}号`, prices in whole fen, every third a range. Partial: the shop's
 * state fills the rest.
 */
export function manyProducts(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const id = i + 1
    const fen = 100 + ((id * 37) % 50_000)
    return {
      id,
      name: `测试商品${id}号`,
      price: fen / 100,
      maxPrice: id % 3 === 0 ? (fen + 1_000) / 100 : fen / 100,
      shopId: (id % 4) + 1,
      addedDate: "2020-01-01 00:00:00"
    }
  })
}

const navImage = (key: string) => `/Storage/Plat/ImageNav/${key}.png`

export function seedHomepage(): Homepage {
  const item = (name: string, key: string, linkType: string, linkName = linkType, link = NAV_PAGES[linkType]): NavItem => ({
    name,
    image: navImage(key),
    linkType,
    linkName,
    link
  })
  return {
    modules: [
      {
        type: "imageNav",
        items: [
          item("限时购列表", "countdown", "限时购列表"),
          item("拼团列表", "group", "拼团列表"),
          item("周边", "nearby", "周边"),
          item("积分商城", "integral", "积分商城"),
          item("微店", "vshop", "微店"),
          item("官方自营店", "shop", "选择店铺", "官方自营店", "/pages/vShopHome/vShopHome?id=3"),
          item("小程序直播", "live", "小程序直播"),
          item("商品分类", "category", "分类列表"),
          item("商家入驻", "settled", "商家入驻"),
          item("男装、女装", "clothes", "选择分类", "男装", "/pages/productlist/productlist?cid=12")
        ]
      },
      { type: "title", text: "直播推荐" },
      { type: "liveRooms" }
    ]
  }
}

/** Rooms are empty at first: they arrive through 获取小程序数据 (POST /admin/Live/Sync). */
export function seedRooms(): Room[] {
  return []
}

// ---------------------------------------------------------------------------------------------
// The DIY editor's homepage (HiMall's TemplateVisualization): what
// `/Admin/TemplateVisualizationAjax/Hi_Ajax_GetTemplateByID?client=smallprog&type=13` answers.

/** HiMall's link types of a 图文导航 item (HiShop.linkType), by number. */
export const LINK_TYPES: Record<number, string> = {
  1: "选择商品",
  2: "优惠劵",
  3: "专题页面",
  4: "现金红包",
  5: "限时购",
  6: "限时购列表",
  8: "自定义链接",
  9: "拼团列表",
  15: "商家入驻",
  17: "小程序",
  23: "电话",
  24: "积分商城",
  26: "分类列表",
  28: "周边",
  29: "微店",
  30: "选择分类",
  31: "选择店铺",
  32: "小程序直播",
  40: "品牌专题",
  41: "文章列表",
  42: "选择文章"
}

/** Fixed targets of list-type links (the others ask for their target). */
export const LINK_TARGETS: Record<number, string> = {
  6: "/pages/countdownlist/countdownlist",
  9: "/pages/grouplist/grouplist",
  15: "/pages/settled/settled",
  24: "/pages/integralmall/integralmall",
  26: "/pages/category/category",
  28: "/pages/shopnearby/shopnearby",
  29: "/pages/vshoplist/vshoplist",
  32: "../livelist/livelist",
  41: "/pages/articlelist/articlelist"
}

/** A 图文导航 item as HiMall saves it: `title` is the link's name, `showtitle` the 导航名称. */
export interface DiyNavItem {
  linkType: number
  link: string
  title: string
  showtitle: string
  imgSrc: string
}

/**
 * A module of the DIY page. `type` is HiMall's module number: 1 图片广告, 2 图文导航 (content
 * `{ showType, images: DiyNavItem[], … }`), 5 文字链接, 6 辅助线, 8 商品, 9 搜索, 11 直播间, ….
 */
export interface DiyModule {
  id: string
  type: number
  draggable: boolean
  sort: number
  content: Record<string, unknown>
}

/** The saved DIY page: `{ page, PModules, LModules }` (LModules top to bottom). */
export interface DiyHomepage {
  page: Record<string, unknown>
  PModules: DiyModule[]
  LModules: DiyModule[]
}

/** The seed's entrance: the 图文导航 item linked to 小程序直播, named 看直播. */
export const SEED_LIVE_ITEM: DiyNavItem = {
  linkType: 32,
  link: "../livelist/livelist",
  title: "小程序直播",
  showtitle: "看直播",
  imgSrc: "/Storage/Plat/ImageNav/live.png"
}

export function seedDiyHomepage(): DiyHomepage {
  const nav = (linkType: number, showtitle: string, key: string, title = LINK_TYPES[linkType], link = LINK_TARGETS[linkType]): DiyNavItem => ({
    linkType,
    link,
    title,
    showtitle,
    imgSrc: navImage(key)
  })
  return {
    page: { title: "首页" },
    PModules: [],
    LModules: [
      { id: "2021226111315895", type: 9, draggable: true, sort: 0, content: { height: 28, text: "搜索商品", bgColor: "#ffffff" } },
      {
        id: "202131115924258",
        type: 2,
        draggable: true,
        sort: 1,
        content: {
          showType: 1,
          scroll: 0,
          lineCount: 4,
          bgColor: "#FFFFFF",
          textColor: "#000000",
          images: [
            nav(6, "限时购", "countdown"),
            nav(9, "拼团", "group"),
            nav(24, "积分商城", "integral"),
            { ...SEED_LIVE_ITEM },
            nav(31, "官方自营店", "shop", "官方自营店", "/pages/vShopHome/vShopHome?id=3"),
            nav(26, "商品分类", "category"),
            nav(15, "商家入驻", "settled"),
            nav(30, "男装、女装", "clothes", "男装", "/pages/productlist/productlist?cid=12")
          ]
        }
      },
      { id: "202131115926145", type: 11, draggable: true, sort: 2, content: { title: "直播推荐", showType: 1 } },
      { id: "202131115927001", type: 6, draggable: true, sort: 3, content: { color: "#e5e5e5" } }
    ]
  }
}
