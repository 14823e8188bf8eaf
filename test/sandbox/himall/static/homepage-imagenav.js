// 首页配置 (mini-program homepage editor): phone preview, module editor, palette and 保存.
// The model is window.pageData.homepage ({ modules }, see seed.ts); every edit redraws.
$(function () {
  "use strict";
  var page = window.pageData;
  var model = page.homepage;
  var selected = 0;

  // The 修改 menu of a 图片导航 item. Entries of page.navPages link to a fixed page; the others
  // ask for their target: [prompt, link from the answer].
  var LINK_TYPES = ["选择商品", "优惠券", "限时购", "限时购列表", "小程序", "电话", "商家入驻", "专题页面", "现金红包",
    "自定义链接", "拼团列表", "积分商城", "分类列表", "周边", "微店", "选择分类", "选择店铺", "小程序直播"];
  var ASK = {
    选择商品: ["商品ID", function (v) { return "/pages/productdetail/productdetail?id=" + v; }],
    选择分类: ["分类ID", function (v) { return "/pages/productlist/productlist?cid=" + v; }],
    选择店铺: ["店铺ID", function (v) { return "/pages/vShopHome/vShopHome?id=" + v; }],
    电话: ["电话号码", function (v) { return "tel:" + v; }]
  };
  var TITLES = { imageNav: "图片导航设置", title: "标题设置", liveRooms: "直播间设置", blank: "辅助空白设置" };
  var DEFAULTS = {
    imageNav: function () { return { type: "imageNav", items: [newNavItem()] }; },
    title: function () { return { type: "title", text: "标题" }; },
    liveRooms: function () { return { type: "liveRooms" }; },
    blank: function () { return { type: "blank", height: 20 }; }
  };

  function newNavItem() {
    return { name: "导航", image: "/Storage/Plat/ImageNav/default.png", linkType: "", linkName: "", link: "" };
  }

  function previewOf(m) {
    if (m.type === "imageNav") {
      var $nav = $('<div class="nav-preview"></div>');
      $.each(m.items, function (_, it) {
        $nav.append($('<div class="nav-cell"><img alt=""><span></span></div>').find("img").attr("src", it.image).end().find("span").text(it.name).end());
      });
      return $nav;
    }
    if (m.type === "title") return $('<div class="title-preview"></div>').text(m.text);
    if (m.type === "blank") return $("<div></div>").css("height", m.height);
    var $live = $('<div class="live-preview"></div>');
    if (!page.rooms.length) return $live.append('<div class="empty">暂无直播间，请先在 营销 → 小程序直播 获取小程序数据</div>');
    $.each(page.rooms, function (_, r) {
      var $card = $('<div class="live-card"></div>');
      $card.append(r.coverImg ? $('<img alt="">').attr("src", r.coverImg) : '<span class="no-cover"></span>');
      $card.append($("<div></div>").append($("<b></b>").text(r.name), "<br>", $("<span></span>").text(r.statusDesc)));
      $live.append($card);
    });
    return $live;
  }

  function drawPreview() {
    var $p = $("#diyPreview").empty();
    $.each(model.modules, function (i, m) {
      $p.append(
        $('<div class="diy-module"></div>').toggleClass("selected", i === selected).attr("data-index", i).append(
          '<div class="module-actions"><a href="javascript:;" class="module-del">删除</a><a href="javascript:;" class="module-edit">编辑</a></div>',
          previewOf(m)
        )
      );
    });
  }

  function navItemEditor(it, i) {
    var $menu = $('<div class="link-menu"></div>');
    $.each(LINK_TYPES, function (_, t) { $menu.append($('<a href="javascript:;"></a>').text(t).attr("data-type", t)); });
    var badge = it.linkType ? it.linkType + " | " + it.linkName : "未设置链接";
    return $('<div class="nav-edit-item"></div>').attr("data-item", i).append(
      $('<img alt="">').attr("src", it.image),
      $('<div class="item-fields"></div>').append(
        $('<div class="item-row"><label>链接到：</label></div>').append(
          $('<span class="link-badge"></span>').text(badge).attr("title", it.link),
          $('<span class="link-menu-wrap"><a href="javascript:;" class="link-modify">修改 ▾</a></span>').append($menu)
        ),
        $('<div class="item-row"><label>导航名称：</label><input type="text" class="form-control nav-name"></div>').find("input").val(it.name).end()
      ),
      '<div class="item-tools"><a href="javascript:;" class="item-up" title="上移">↑</a><a href="javascript:;" class="item-down" title="下移">↓</a><a href="javascript:;" class="item-del" title="删除">×</a></div>'
    );
  }

  function drawEditor() {
    var $e = $("#diyEditor").empty();
    var m = model.modules[selected];
    if (!m) return $e.append('<h3>请从右侧选择组件</h3>');
    $e.append($("<h3></h3>").text(TITLES[m.type] || m.type));
    if (m.type === "imageNav") {
      $.each(m.items, function (i, it) { $e.append(navItemEditor(it, i)); });
      $e.append('<button type="button" class="btn btn-default add-item">+ 添加一个导航</button>');
    } else if (m.type === "title") {
      $e.append($('<div class="item-row"><label>标题名称：</label> <input type="text" class="form-control title-text"></div>').find("input").val(m.text).end());
    } else if (m.type === "blank") {
      $e.append($('<div class="item-row"><label>空白高度：</label> <input type="number" class="form-control blank-height"></div>').find("input").val(m.height).end());
    } else {
      $e.append('<p>自动显示已同步的小程序直播间，点击进入直播间（/pages/livedetail/livedetail?roomid=…）。</p>');
    }
    // Line the editor's arrow up with the selected module.
    var $mod = $("#diyPreview .diy-module").eq(selected);
    $e.css("margin-top", $mod.length ? Math.max(0, $mod.offset().top - $(".diy-wrap").offset().top - 10) : 40);
  }

  function draw() {
    drawPreview();
    drawEditor();
  }

  function itemOf(el) {
    return Number($(el).closest(".nav-edit-item").attr("data-item"));
  }

  $("#diyPreview")
    .on("click", ".diy-module", function () {
      selected = Number($(this).attr("data-index"));
      draw();
    })
    .on("click", ".module-del", function (e) {
      e.stopPropagation();
      model.modules.splice(Number($(this).closest(".diy-module").attr("data-index")), 1);
      selected = Math.min(selected, model.modules.length - 1);
      draw();
    });

  $("#diyEditor")
    .on("input", ".nav-name", function () {
      model.modules[selected].items[itemOf(this)].name = this.value;
      drawPreview();
    })
    .on("input", ".title-text", function () {
      model.modules[selected].text = this.value;
      drawPreview();
    })
    .on("input", ".blank-height", function () {
      model.modules[selected].height = Number(this.value) || 0;
      drawPreview();
    })
    .on("click", ".link-modify", function () {
      $(this).siblings(".link-menu").toggleClass("open");
    })
    .on("click", ".link-menu a", function () {
      var it = model.modules[selected].items[itemOf(this)];
      var type = $(this).attr("data-type");
      var link = page.navPages[type];
      var name = type;
      if (!link) {
        var ask = ASK[type] || ["链接地址", function (v) { return v; }];
        var answer = window.prompt("请输入" + ask[0]);
        if (!answer) return;
        link = ask[1](answer);
        name = answer;
      }
      it.linkType = type;
      it.linkName = name;
      it.link = link;
      draw();
    })
    .on("click", ".item-up, .item-down", function () {
      var items = model.modules[selected].items;
      var i = itemOf(this);
      var j = $(this).hasClass("item-up") ? i - 1 : i + 1;
      if (j < 0 || j >= items.length) return;
      items.splice(j, 0, items.splice(i, 1)[0]);
      draw();
    })
    .on("click", ".item-del", function () {
      model.modules[selected].items.splice(itemOf(this), 1);
      draw();
    })
    .on("click", ".add-item", function () {
      model.modules[selected].items.push(newNavItem());
      draw();
    });

  $(".palette-item").on("click", function () {
    model.modules.push(DEFAULTS[$(this).attr("data-type")]());
    selected = model.modules.length - 1;
    draw();
  });

  $("#saveHomePage").on("click", function () {
    $.post("/" + page.area + "/WXSmallProgram/SaveHomePage", { homepage: JSON.stringify(model) }, function (r) {
      if (r.success) $.dialog.succeedTips(r.msg);
      else $.dialog.errorTips(r.msg);
    }, "json");
  });

  draw();
});
