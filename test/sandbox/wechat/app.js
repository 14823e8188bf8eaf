// Shared page code of the WeChat sandbox (mp.weixin.qq.com and live.weixin.qq.com): one Vue 3
// app whose templates are inlined in the page (templates.html), the live console's views
// (switched with history.pushState) and window.__fixture of the sandbox protocol.
//
// The 商品库 view and its 添加商品 dialog come in two markups (boot.markup): "weui" (templates.html)
// and "alt" (templates-alt.html, a TDesign/Element-like variant); both share the component options
// below, so only the markup differs.
//
// Form controls are controlled as in the real console: v-model is the only way the model
// changes (input/change events), and the forms re-render every RERENDER_MS so that a value
// written into a control without events is replaced by the model's again.
import {
  LIVE_STATUS,
  counterValue,
  formatLocalTime,
  parseLocalTime,
  validateGoods,
  validateRoom
} from "./rules.js"

const { createApp, reactive } = Vue

const RERENDER_MS = 500
/** Goods a page in the "third" markup's goods library. */
const THIRD_PAGE_SIZE = 5
const POLL_MS = 3000

/** The model getters of the open forms, read by window.__fixture. */
const openForms = { goods: null, room: null }

window.__fixture = {
  /** The 添加商品 dialog's model, or null when it is closed. */
  goodsForm: () => (openForms.goods ? openForms.goods() : null),
  /** The 创建直播间 form's model, or null when it is not shown. */
  roomForm: () => (openForms.room ? openForms.room() : null)
}

/**
 * Server-rendered page facts: { site: 'mp'|'live', page: 'home'|'live', base, qualified, liveOpened,
 * account, markup: 'weui'|'alt'|'third' } (markup: how the 商品库 view and its dialog are drawn).
 */
const boot = reactive(window.__WX_BOOT__)

/** Query parameters every link keeps (the MP login token and language). */
const kept = new URLSearchParams(
  [...new URLSearchParams(location.search)].filter(([k]) => k === "token" || k === "lang")
)

function withQuery(path, extra = {}) {
  const q = new URLSearchParams(kept)
  for (const [k, v] of Object.entries(extra)) q.set(k, String(v))
  const s = q.toString()
  return s ? `${path}?${s}` : path
}

function currentRoute() {
  const suffix = location.pathname.replace(/\/+$/, "").slice((boot.base || "").length)
  return { suffix, query: Object.fromEntries(new URLSearchParams(location.search)) }
}

/** Shared page state: the console's route, one-off notices and dialogs. */
const store = reactive({
  route: currentRoute(),
  /** Show 申请通过 after 申请开通 rather than the console. */
  justApplied: false,
  /** The room just created, for the 成功创建直播间 dialog on the list. */
  createdRoom: null,
  toast: { text: "" },
  confirm: { text: "", resolve: null },
  adminCheck: { open: false, resolve: null }
})

window.addEventListener("popstate", () => {
  store.route = currentRoute()
})

/** Link to a console view below the console's base path. */
function href(suffix, extra) {
  return withQuery(boot.base + suffix, extra)
}

/** Switch the console to another view, as the SPA's router does. */
function go(suffix, extra) {
  history.pushState(null, "", href(suffix, extra))
  store.route = currentRoute()
  window.scrollTo(0, 0)
}

/** GET (no body) or POST JSON to the console's endpoints; answers { ret, errmsg?, ... }. */
async function api(path, body) {
  // The session token tells the server which mini program is logged in (its own goods and rooms).
  const token = kept.get("token")
  const res = await fetch(`/wxamp/cgi/live${path}${token ? `?token=${encodeURIComponent(token)}` : ""}`, {
    method: body ? "POST" : "GET",
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined
  })
  return res.json()
}

let toastTimer = 0
function showToast(text) {
  store.toast.text = text
  clearTimeout(toastTimer)
  toastTimer = setTimeout(() => (store.toast.text = ""), 2000)
}

function askConfirm(text) {
  return new Promise((resolve) => Object.assign(store.confirm, { text, resolve }))
}

/**
 * Run a 提审 call; while the server asks for the administrator's QR-code check, show it and
 * retry once it is done. Answers the last server answer (still needAdminCheck if cancelled).
 */
async function withAdminCheck(call) {
  let answer = await call()
  while (answer.needAdminCheck) {
    const verified = await new Promise((resolve) => Object.assign(store.adminCheck, { open: true, resolve }))
    if (!verified) return answer
    await api("/admincheck", {})
    answer = await call()
  }
  return answer
}

/** The fixture's image shape: what the page knows of an uploaded file, without its data. */
function imageInfo(img) {
  return img ? { name: img.name, type: img.type, bytes: img.bytes, width: img.width, height: img.height } : null
}

/** Re-render the component regularly so that controls show the model (controlled inputs). */
const controlled = {
  mounted() {
    this.rerenderTimer = setInterval(() => this.$forceUpdate(), RERENDER_MS)
  },
  unmounted() {
    clearInterval(this.rerenderTimer)
  }
}

/**
 * v-checked="expr": write the model's choice into a radio at every render. Vue's radio v-model
 * only does so when the model changes, so a bare `radio.checked = true` would otherwise stay.
 */
const checkedDirective = {
  updated(el, { value }) {
    el.checked = value
  }
}

/** Call load() now, every POLL_MS and whenever the tab gets the focus back. */
const polling = {
  mounted() {
    this.onFocus = () => document.visibilityState === "visible" && this.load()
    this.pollTimer = setInterval(() => this.load(), POLL_MS)
    window.addEventListener("focus", this.onFocus)
    document.addEventListener("visibilitychange", this.onFocus)
    this.load()
  },
  unmounted() {
    clearInterval(this.pollTimer)
    window.removeEventListener("focus", this.onFocus)
    document.removeEventListener("visibilitychange", this.onFocus)
  }
}

/** Things most templates use. */
const common = {
  computed: {
    boot: () => boot,
    route: () => store.route
  },
  methods: { href, go }
}

/** Outline of each side-menu group's icon (16×16). */
const ICONS = {
  home: "M2 8 8 2l6 6h-2v6H9v-4H7v4H4V8z",
  manage: "M2 3h12v8H2zM5 13h6",
  stats: "M8 2a6 6 0 1 0 6 6H8z",
  feature: "M2 2h5v5H2zM9 2h5v5H9zM2 9h5v5H2zM9 9h5v5H9z",
  dev: "M5 4 1 8l4 4M11 4l4 4-4 4M9 3 7 13",
  growth: "M8 14V7M8 7C8 4 5 2 2 2c0 3 3 5 6 5zm0 0c0-3 3-5 6-5 0 3-3 5-6 5z",
  promote: "M2 6h3l7-4v12L5 10H2z",
  settings: "M8 5a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM8 1v2M8 13v2M1 8h2M13 8h2"
}

/** 商品库: 未入库 (with its status filter) and 已入库, and the 添加商品 dialog. */
const goodsLibrary = {
  mixins: [common, polling],
  data: () => ({ goods: [], loaded: false, shelf: "pending", filter: "all", dialogOpen: false }),
  computed: {
    pending() {
      return this.goods.filter((g) => g.status !== "approved")
    },
    filters() {
      const count = (status) => this.pending.filter((g) => g.status === status).length
      return [
        { key: "all", title: "全部", count: this.pending.length },
        { key: "reviewing", title: "审核中", count: count("reviewing") },
        { key: "rejected", title: "审核未通过", count: count("rejected") }
      ]
    },
    rows() {
      if (this.shelf === "approved") return this.goods.filter((g) => g.status === "approved")
      return this.filter === "all" ? this.pending : this.pending.filter((g) => g.status === this.filter)
    },
    statusText: () => ({ draft: "未审核", reviewing: "审核中", rejected: "审核未通过", approved: "审核通过" })
  },
  methods: {
    async load() {
      const answer = await api("/goods/list")
      this.goods = answer.goods
      this.loaded = true
    },
    priceText(g) {
      const y = (n) => `¥${Number(n).toFixed(2)}`
      if (g.priceType === 2) return `${y(g.price)} - ${y(g.price2)}`
      if (g.priceType === 3) return `${y(g.price2)}（原价 ${y(g.price)}）`
      return y(g.price)
    },
    async submit(g) {
      const answer = await withAdminCheck(() => api("/goods/submit", { goodsId: g.goodsId }))
      if (answer.ret === 0) showToast("已提交审核")
      else if (!answer.needAdminCheck) showToast(answer.errmsg)
      this.load()
    },
    async remove(g) {
      if (!(await askConfirm(`确定删除商品“${g.name}”？`))) return
      await api("/goods/delete", { goodsId: g.goodsId })
      this.load()
    },
    onSaved(submitted) {
      this.dialogOpen = false
      showToast(submitted ? "已保存并提交审核" : "保存成功")
      this.load()
    }
  }
}

/** The 添加商品 dialog: a controlled form, validated as WeChat does before anything is posted. */
const goodsDialog = {
  mixins: [controlled],
  emits: ["close", "saved"],
  data: () => ({
    // One input model per price box; goodsModel() maps the chosen type's boxes to price/price2.
    form: { cover: null, name: "", priceType: 1, fixed: "", low: "", high: "", original: "", current: "", url: "" },
    errors: {},
    busy: false
  }),
  computed: {
    nameCount() {
      return counterValue(this.form.name)
    }
  },
  created() {
    openForms.goods = () => this.goodsModel()
  },
  unmounted() {
    openForms.goods = null
  },
  methods: {
    /** The model in the fixture's shape. */
    goodsModel() {
      const f = this.form
      const [price, price2] =
        f.priceType === 2 ? [f.low, f.high] : f.priceType === 3 ? [f.original, f.current] : [f.fixed, ""]
      return { cover: imageInfo(f.cover), name: f.name, priceType: f.priceType, price, price2, url: f.url }
    },
    async save(submit) {
      const model = this.goodsModel()
      this.errors = validateGoods(model)
      if (Object.keys(this.errors).length) return
      this.busy = true
      const body = { ...model, cover: this.form.cover, submit }
      const answer = await withAdminCheck(() => api("/goods/add", body))
      this.busy = false
      if (answer.ret === 0) this.$emit("saved", submit)
      else if (!answer.needAdminCheck) this.errors = answer.errors ?? { form: answer.errmsg }
    }
  }
}

/** An image field: a hidden file input behind a button; the model is the decoded file. */
const imageUploader = {
  props: { modelValue: Object, tips: Array },
  emits: ["update:modelValue", "failed"],
  computed: {
    sizeText() {
      const b = this.modelValue.bytes
      return b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)}M` : `${Math.ceil(b / 1024)}K`
    }
  },
  methods: {
    /** A chosen file becomes the model: its facts, decoded size and data (for the preview and upload). */
    async onChange(event) {
      const file = event.target.files?.[0]
      if (!file) return
      try {
        const bitmap = await createImageBitmap(file)
        const dataUrl = await new Promise((resolve, reject) => {
          const reader = new FileReader()
          reader.onload = () => resolve(reader.result)
          reader.onerror = () => reject(reader.error)
          reader.readAsDataURL(file)
        })
        const { width, height } = bitmap
        bitmap.close()
        this.$emit("update:modelValue", { name: file.name, type: file.type, bytes: file.size, width, height, dataUrl })
      } catch {
        this.$emit("failed", "图片格式不支持，请上传jpg、png格式的图片")
      }
    }
  }
}

/** 直播间管理: the room list, the 成功创建直播间 answer and the push code. */
const roomList = {
  mixins: [common, polling],
  data: () => ({ rooms: null, pushRoom: null, createdRoom: store.createdRoom }),
  created() {
    store.createdRoom = null
  },
  methods: {
    async load() {
      this.rooms = (await api("/room/list")).rooms
    },
    time: formatLocalTime,
    statusText: (status) => LIVE_STATUS[status] ?? String(status),
    async remove(r) {
      if (!(await askConfirm(`确定删除直播间“${r.name}”？`))) return
      await api("/room/delete", { roomId: r.roomId })
      this.load()
    }
  }
}

/** 创建直播间 and 编辑直播间: a controlled form, validated as WeChat does before anything is posted. */
const roomForm = {
  mixins: [common, controlled],
  props: { roomId: String },
  data: () => ({
    form: {
      name: "",
      startText: "",
      endText: "",
      anchorName: "",
      anchorWechat: "",
      allowComment: true,
      shareCover: null,
      roomCover: null
    },
    errors: {},
    busy: false
  }),
  async created() {
    openForms.room = () => this.roomModel()
    if (!this.roomId) return
    const room = (await api("/room/list")).rooms.find((r) => String(r.roomId) === this.roomId)
    if (!room) return go("/broadcast/index")
    Object.assign(this.form, {
      name: room.name,
      startText: formatLocalTime(room.start),
      endText: formatLocalTime(room.end),
      anchorName: room.anchorName,
      anchorWechat: room.anchorWechat,
      allowComment: room.allowComment,
      shareCover: room.shareCover && { ...room.shareCover, url: room.shareImg },
      roomCover: room.roomCover && { ...room.roomCover, url: room.coverImg }
    })
  },
  unmounted() {
    openForms.room = null
  },
  methods: {
    counter: counterValue,
    imageStyle(img) {
      return img ? { backgroundImage: `url("${img.dataUrl || img.url}")` } : {}
    },
    /** The model in the fixture's shape (times as ISO strings, "" when not a valid time). */
    roomModel() {
      const f = this.form
      const iso = (text) => parseLocalTime(text)?.toISOString() ?? ""
      return {
        name: f.name,
        start: iso(f.startText),
        end: iso(f.endText),
        anchorName: f.anchorName,
        anchorWechat: f.anchorWechat,
        allowComment: f.allowComment,
        shareCover: imageInfo(f.shareCover),
        roomCover: imageInfo(f.roomCover)
      }
    },
    async save() {
      const model = this.roomModel()
      const errors = validateRoom(model)
      const typed = [this.form.startText, this.form.endText].filter((t) => t.trim())
      if (typed.some((t) => !parseLocalTime(t))) errors.time = "请按“YYYY-MM-DD HH:mm”格式填写开播时间"
      this.errors = errors
      if (Object.keys(errors).length) return
      this.busy = true
      const body = { ...model, roomId: this.roomId, shareCover: this.form.shareCover, roomCover: this.form.roomCover }
      const answer = await api(this.roomId ? "/room/update" : "/room/create", body)
      this.busy = false
      if (answer.ret !== 0) {
        this.errors = answer.errors ?? { form: answer.errmsg }
        return
      }
      if (this.roomId) showToast("保存成功")
      else store.createdRoom = { roomId: answer.roomId, name: model.name }
      go("/broadcast/index")
    }
  }
}

/** The 添加商品 dialog of the alt and third markups: the radios of 价格形式 drawn from data. */
const goodsDialogDrawnFromData = {
  ...goodsDialog,
  computed: {
    ...goodsDialog.computed,
    priceTypes: () => [
      { value: 1, title: "一口价" },
      { value: 2, title: "价格区间" },
      { value: 3, title: "显示折扣价" }
    ]
  }
}

/** The uploader of the alt and third markups: 删除 on the thumbnail, no cover again (a click, as in the real component). */
const removableUploader = {
  ...imageUploader,
  methods: {
    ...imageUploader.methods,
    remove() {
      this.$refs.file.value = ""
      this.$emit("update:modelValue", null)
    }
  }
}

const components = {
  "side-menu": {
    mixins: [common],
    computed: {
      groups() {
        const home = boot.page === "home"
        const live = { title: "直播", href: withQuery("/wxamp/frame/live"), current: !home }
        const items = (...titles) => titles.map((title) => (title === "直播" ? live : { title }))
        return [
          { title: "首页", icon: ICONS.home, href: withQuery("/wxamp/index/index"), current: home, items: [] },
          { title: "管理", icon: ICONS.manage, items: items("版本管理", "成员管理", "用户反馈") },
          { title: "统计", icon: ICONS.stats, items: [] },
          {
            title: "功能",
            icon: ICONS.feature,
            items: items(
              "附近的小程序", "微信搜一搜", "微信支付", "物流助手", "客服", "订阅消息", "模板消息",
              ...(boot.qualified ? ["直播"] : []), "页面内容接入", "小程序插件"
            )
          },
          { title: "开发", icon: ICONS.dev, items: [] },
          { title: "成长", icon: ICONS.growth, items: items("小程序评测", "违规记录") },
          { title: "推广", icon: ICONS.promote, items: items("流量主", "广告主") },
          { title: "设置", icon: ICONS.settings, items: [] }
        ]
      }
    }
  },

  "home-page": { mixins: [common] },

  "live-console": {
    mixins: [common],
    computed: {
      view() {
        const s = store.route.suffix
        if (!boot.liveOpened || store.justApplied) return s === "/apply" ? "apply" : "intro"
        const views = {
          "/broadcast/create": "create",
          "/broadcast/edit": "edit",
          "/broadcast/goods": "room-goods",
          "/goods/index": "goods",
          "/help/index": "help"
        }
        return views[s] ?? "rooms"
      },
      tabs: () => [
        { view: "rooms", title: "直播间管理", path: "/broadcast/index" },
        { view: "goods", title: "商品库", path: "/goods/index" },
        { view: "help", title: "使用说明", path: "/help/index" }
      ]
    }
  },

  "live-intro": { mixins: [common] },

  "live-apply": {
    mixins: [common, controlled],
    data: () => ({ agree: false, busy: false, done: false, error: "" }),
    methods: {
      async apply() {
        this.busy = true
        const answer = await api("/apply", { agree: this.agree })
        this.busy = false
        if (answer.ret !== 0) {
          this.error = answer.errmsg
          return
        }
        store.justApplied = true
        boot.liveOpened = true
        this.done = true
      },
      showHelp() {
        store.justApplied = false
        go("/help/index")
      }
    }
  },

  "live-help": {},

  "goods-library": goodsLibrary,
  "goods-dialog": goodsDialog,
  "image-uploader": imageUploader,

  // The "alt" markup of the same views (boot.markup === "alt"; templates-alt.html): the same
  // options, so the same model, validation, controlled inputs, uploads and saving.
  "goods-library-alt": {
    ...goodsLibrary,
    computed: {
      ...goodsLibrary.computed,
      /** The table's columns: 已入库 has no 状态 column (the shelf says it all). */
      columns() {
        const pending = this.shelf !== "approved"
        return [
          { key: "info", title: "基本信息", width: pending ? "30%" : "36%" },
          { key: "price", title: "价格", width: pending ? "17%" : "20%" },
          { key: "url", title: "链接", width: pending ? "25%" : "30%" },
          ...(pending ? [{ key: "status", title: "状态", width: "14%" }] : []),
          { key: "opr", title: "操作", width: "14%" }
        ]
      }
    }
  },
  "goods-dialog-alt": goodsDialogDrawnFromData,
  "image-uploader-alt": removableUploader,

  // The "third" markup (boot.markup === "third"; templates-third.html, Ant-Design-like): the
  // same options; the goods library is split over pages of THIRD_PAGE_SIZE goods.
  "goods-library-third": {
    ...goodsLibrary,
    data: () => ({ ...goodsLibrary.data(), page: 1, filterOpen: false }),
    computed: {
      ...goodsLibrary.computed,
      shelves: () => [
        { key: "pending", title: "未入库" },
        { key: "approved", title: "已入库" }
      ],
      currentFilter() {
        return this.filters.find((f) => f.key === this.filter)
      },
      columns() {
        const pending = this.shelf !== "approved"
        return [
          { key: "info", title: "基本信息" },
          { key: "price", title: "价格" },
          { key: "url", title: "链接" },
          ...(pending ? [{ key: "status", title: "状态" }] : []),
          { key: "opr", title: "操作" }
        ]
      },
      pageCount() {
        return Math.max(1, Math.ceil(this.rows.length / THIRD_PAGE_SIZE))
      },
      pageRows() {
        const page = Math.min(this.page, this.pageCount)
        return this.rows.slice((page - 1) * THIRD_PAGE_SIZE, page * THIRD_PAGE_SIZE)
      }
    },
    methods: {
      ...goodsLibrary.methods,
      setShelf(shelf) {
        this.shelf = shelf
        this.page = 1
      },
      setFilter(filter) {
        this.filter = filter
        this.filterOpen = false
        this.page = 1
      }
    }
  },
  "goods-dialog-third": goodsDialogDrawnFromData,
  "image-uploader-third": removableUploader,
  "room-list-third": roomList,
  "room-form-third": roomForm,

  "room-list": roomList,
  "room-form": roomForm,
  // The "alt" markup of 直播间管理 and 创建直播间 (templates-alt.html): the same options, so the
  // same model, validation, controlled inputs, uploads and saving.
  "room-list-alt": roomList,
  "room-form-alt": roomForm,

  "confirm-box": {
    computed: { confirm: () => store.confirm },
    methods: {
      answer(yes) {
        const { resolve } = store.confirm
        Object.assign(store.confirm, { text: "", resolve: null })
        resolve(yes)
      }
    }
  },

  "admin-check": {
    computed: { adminCheck: () => store.adminCheck },
    methods: {
      answer(verified) {
        const { resolve } = store.adminCheck
        Object.assign(store.adminCheck, { open: false, resolve: null })
        resolve(verified)
      }
    }
  },

  "qr-code": {
    props: { seed: String, size: Number },
    computed: {
      /** A QR-code-like 25×25 matrix: the three finder patterns, timing lines, modules from the seed. */
      modules() {
        const n = 25
        let h = 2166136261
        for (const ch of this.seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
        const random = () => {
          h ^= h << 13
          h ^= h >>> 17
          h ^= h << 5
          return (h >>> 0) / 4294967296
        }
        const finder = (r, c) => {
          for (const [r0, c0] of [[0, 0], [0, n - 7], [n - 7, 0]]) {
            const y = r - r0
            const x = c - c0
            if (y >= -1 && y <= 7 && x >= -1 && x <= 7) {
              const d = Math.max(Math.abs(y - 3), Math.abs(x - 3))
              return d !== 2 && d !== 4
            }
          }
          return null
        }
        return Array.from({ length: n }, (_, r) =>
          Array.from({ length: n }, (_, c) => {
            const f = finder(r, c)
            if (f !== null) return f
            if (r === 6 || c === 6) return (r + c) % 2 === 0
            return random() < 0.5
          })
        )
      },
      path() {
        const parts = []
        this.modules.forEach((row, r) => row.forEach((on, c) => on && parts.push(`M${c + 2} ${r + 2}h1v1h-1z`)))
        return parts.join("")
      }
    }
  }
}

// ===== Goods in rooms and the 已入库 goods edit (issue 11) =====================================
// 直播间商品 (/broadcast/goods?roomId=N): the goods a room holds, and 导入商品, a dialog listing
// 已入库 goods with check boxes, its own search box and pages; the room's cap (roomGoodsCap,
// 300033 past it). 编辑 on 已入库 goods opens the edit dialog where only the price form and the
// prices can change. Both in every markup ("alt": a drawer with role=checkbox cards, goods in
// review listed but disabled; a 修改商品 dialog showing name and link as text. "third": an Ant
// Modal with a grid of check boxes, every goods listed with its state, 5 a page; 修改价格).
const IMPORT_PAGE_SIZE = 10
openForms.goodsEdit = null
openForms.roomImport = null
Object.assign(window.__fixture, {
  /** The 已入库 goods edit dialog's model, or null: { goodsId, name, url, priceType, price, price2 }. */
  goodsEditForm: () => (openForms.goodsEdit ? openForms.goodsEdit() : null),
  /** The open 导入商品 dialog: { roomId, selected: goodsIds ticked, query, page, pages }, or null. */
  roomGoodsImport: () => (openForms.roomImport ? openForms.roomImport() : null)
})

{
  const baseData = goodsLibrary.data
  goodsLibrary.data = () => ({ ...baseData(), editing: null })
  goodsLibrary.methods.onEdited = function () {
    this.editing = null
    showToast("保存成功")
    this.load()
  }
}

const roomGoods = {
  mixins: [common, polling],
  props: { roomId: String },
  data: () => ({ room: null, goods: [], cap: 0, loaded: false, importOpen: false }),
  methods: {
    async load() {
      const rooms = (await api("/room/list")).rooms
      this.room = rooms.find((r) => String(r.roomId) === String(this.roomId)) ?? null
      if (this.room) {
        const answer = await api("/room/goods", { roomId: this.room.roomId })
        this.goods = answer.goods
        this.cap = answer.cap
      }
      this.loaded = true
    },
    priceText: goodsLibrary.methods.priceText,
    async removeGoods(g) {
      await api("/room/goods/remove", { roomId: this.room.roomId, goodsId: g.goodsId })
      this.load()
    },
    onImported(n) {
      this.importOpen = false
      showToast(`成功导入${n}个商品`)
      this.load()
    }
  }
}

const roomGoodsImport = {
  mixins: [controlled],
  props: { roomId: Number, inRoom: Array, cap: Number },
  emits: ["close", "imported"],
  data: () => ({ all: [], loaded: false, queryText: "", query: "", page: 1, selected: [], error: "", busy: false }),
  async created() {
    openForms.roomImport = () => this.importModel()
    this.all = (await api("/goods/list")).goods
    this.loaded = true
  },
  unmounted() {
    openForms.roomImport = null
  },
  computed: {
    /** Listed goods: 已入库 only (the alt markup also lists goods in review, disabled). */
    listed() {
      return this.all.filter((g) => g.status === "approved" || (this.listReviewing && g.status === "reviewing"))
    },
    listReviewing: () => false,
    pageSize: () => IMPORT_PAGE_SIZE,
    matches() {
      const q = this.query.trim()
      return q ? this.listed.filter((g) => g.name.includes(q)) : this.listed
    },
    pages() {
      return Math.max(1, Math.ceil(this.matches.length / this.pageSize))
    },
    rows() {
      const start = (this.page - 1) * this.pageSize
      return this.matches.slice(start, start + this.pageSize)
    },
    left() {
      return Math.max(0, this.cap - this.inRoom.length)
    }
  },
  methods: {
    priceText: goodsLibrary.methods.priceText,
    isIn(g) {
      return this.inRoom.includes(g.goodsId)
    },
    isDisabled(g) {
      return this.isIn(g) || g.status !== "approved"
    },
    isChecked(g) {
      return this.isIn(g) || this.selected.includes(g.goodsId)
    },
    toggle(g) {
      if (this.isDisabled(g)) return
      const i = this.selected.indexOf(g.goodsId)
      if (i >= 0) this.selected.splice(i, 1)
      else this.selected.push(g.goodsId)
      this.error = ""
    },
    search() {
      this.query = this.queryText
      this.page = 1
    },
    goPage(n) {
      this.page = Math.min(this.pages, Math.max(1, n))
    },
    importModel() {
      return { roomId: this.roomId, selected: [...this.selected], query: this.query, page: this.page, pages: this.pages }
    },
    async confirm() {
      if (!this.selected.length) {
        this.error = "请选择要导入的商品"
        return
      }
      this.busy = true
      const answer = await api("/room/goods/import", { roomId: this.roomId, goodsIds: this.selected })
      this.busy = false
      if (answer.ret === 0) this.$emit("imported", answer.added)
      else this.error = answer.errmsg
    }
  }
}

const goodsEdit = {
  mixins: [controlled],
  props: { goods: Object },
  emits: ["close", "saved"],
  data() {
    const g = this.goods
    const y = (n) => (n == null ? "" : String(n))
    const t = g.priceType
    return {
      form: {
        priceType: t,
        fixed: t === 1 ? y(g.price) : "",
        low: t === 2 ? y(g.price) : "",
        high: t === 2 ? y(g.price2) : "",
        original: t === 3 ? y(g.price) : "",
        current: t === 3 ? y(g.price2) : ""
      },
      errors: {},
      busy: false
    }
  },
  computed: {
    priceTypes: () => [
      { value: 1, title: "一口价" },
      { value: 2, title: "价格区间" },
      { value: 3, title: "显示折扣价" }
    ]
  },
  created() {
    openForms.goodsEdit = () => this.editModel()
  },
  unmounted() {
    openForms.goodsEdit = null
  },
  methods: {
    editModel() {
      const f = this.form
      const [price, price2] = f.priceType === 2 ? [f.low, f.high] : f.priceType === 3 ? [f.original, f.current] : [f.fixed, ""]
      return { goodsId: this.goods.goodsId, name: this.goods.name, url: this.goods.url, priceType: f.priceType, price, price2 }
    },
    async save() {
      const model = this.editModel()
      const all = validateGoods({ ...model, cover: { bytes: 1, width: 200, height: 200 } })
      this.errors = all.price ? { price: all.price } : {}
      if (all.price) return
      this.busy = true
      const answer = await api("/goods/update", model)
      this.busy = false
      if (answer.ret === 0) this.$emit("saved")
      else this.errors = answer.errors ?? { form: answer.errmsg }
    }
  }
}

components["goods-library-alt"].data = goodsLibrary.data
Object.assign(components, {
  "room-goods": roomGoods,
  "room-goods-alt": roomGoods,
  "room-goods-import": roomGoodsImport,
  "room-goods-import-alt": {
    ...roomGoodsImport,
    computed: { ...roomGoodsImport.computed, listReviewing: () => true },
    watch: {
      /** This markup searches as the merchant types. */
      queryText() {
        this.search()
      }
    }
  },
  "goods-edit": goodsEdit,
  "goods-edit-alt": goodsEdit,
  // The "third" markup (templates-third.html): a Modal with a grid of check boxes (a select-all
  // in the header), goods not 已入库 listed disabled with their state, 5 a page, an Input.Search.
  "room-goods-third": roomGoods,
  "room-goods-import-third": {
    ...roomGoodsImport,
    computed: {
      ...roomGoodsImport.computed,
      listReviewing: () => true,
      pageSize: () => THIRD_PAGE_SIZE,
      /** Every goods of the library: those not 已入库 are shown disabled with their state. */
      listed() {
        return this.all
      },
      statusText: () => goodsLibrary.computed.statusText(),
      /** The header's check box: every goods of this page that can be ticked is ticked. */
      pageAllChecked() {
        const free = this.rows.filter((g) => !this.isDisabled(g))
        return free.length > 0 && free.every((g) => this.selected.includes(g.goodsId))
      }
    },
    methods: {
      ...roomGoodsImport.methods,
      togglePage() {
        const free = this.rows.filter((g) => !this.isDisabled(g))
        if (this.pageAllChecked) this.selected = this.selected.filter((id) => !free.some((g) => g.goodsId === id))
        else for (const g of free) if (!this.selected.includes(g.goodsId)) this.selected.push(g.goodsId)
        this.error = ""
      },
      goPage(n) {
        this.page = Math.min(this.pages, Math.max(1, n))
        // The simple pager's input shows the page even when the typed number was out of range.
        this.$forceUpdate()
      }
    }
  },
  "goods-edit-third": goodsEdit
})
components["goods-library-third"].methods.onEdited = goodsLibrary.methods.onEdited
// ===== end goods in rooms =====================================================================

const app = createApp({
  template: "#tpl-app",
  mixins: [common],
  computed: {
    homeHref: () => withQuery("/wxamp/index/index"),
    toast: () => store.toast
  }
})
for (const [name, options] of Object.entries(components)) {
  app.component(name, { template: `#tpl-${name}`, ...options })
}
app.directive("checked", checkedDirective)
app.mount("#app")
