// 首页配置 as HiMall's DIY editor: the saved page arrives by ajax (Hi_Ajax_GetTemplateByID →
// { page, PModules, LModules }), the phone preview shows every module, the control panel
// (#diy-ctrl) only the selected one. A 图文导航 (type 2) item shows 链接到 as a badge (its link
// type's name and its title, linking to the item's link) beside a 修改 dropdown listing every
// link type, and 导航名称 (input name=title, the item's showtitle). 保存 posts the page to
// Hi_Ajax_SaveTemplate.
$(function () {
  "use strict";
  var page = window.pageData;
  var ajax = "/" + page.area + "/TemplateVisualizationAjax/";
  var LINK_TYPES = page.linkTypes;
  var TARGETS = page.linkTargets;
  // Order of the 修改 menu, as HiMall lists it.
  var MENU = [1, 2, 5, 6, 17, 23, 15, 3, 4, 8, 9, 24, 26, 30, 29, 31, 32, 40, 41, 42];
  // Link types that ask for their target: [prompt, link from the answer, title from the answer].
  var ASK = {
    1: ["商品ID", function (v) { return "/pages/productdetail/productdetail?id=" + v; }],
    30: ["分类ID", function (v) { return "/pages/productlist/productlist?cid=" + v; }],
    31: ["店铺ID", function (v) { return "/pages/vShopHome/vShopHome?id=" + v; }]
  };
  var CUSTOM = { 8: "请输入自定义链接", 17: "请输入小程序AppID", 23: "输入格式：电话号码" };
  var NAMES = { 1: "图片广告", 2: "图文导航", 3: "富文本", 5: "文字链接", 6: "辅助线", 8: "商品", 9: "搜索", 10: "优惠券", 11: "直播间" };
  var data = null;
  var selected = -1;

  function modules() { return data.LModules; }

  function navItem(it) {
    var $li = $("<li></li>");
    $li.append(it.imgSrc ? $('<img alt="">').attr("src", it.imgSrc) : '<img alt="" src="">');
    if (it.title || it.showtitle) $li.append($("<p></p>").text(it.showtitle));
    return $li;
  }

  function preview(m) {
    var c = m.content || {};
    if (m.type === 2) {
      if (!c.images || !c.images.length) return '<div class="default-preview"><h3>点击编辑图文导航</h3></div>';
      var $ul = $('<ul class="image-nav nav-flex"></ul>');
      $.each(c.images, function (_, it) { $ul.append(navItem(it)); });
      return $('<div class="members_con"></div>').append($ul);
    }
    if (m.type === 9) return $('<div class="search-preview"></div>').text(c.text || "搜索商品");
    if (m.type === 6) return '<div class="line-preview"></div>';
    if (m.type === 11) {
      var $live = $('<div class="live-preview"></div>').append($("<h4></h4>").text(c.title || "直播间"));
      if (!page.rooms.length) return $live.append('<div class="empty">暂无直播间</div>');
      $.each(page.rooms, function (_, r) {
        $live.append($('<div class="live-card"></div>').append(
          r.coverImg ? $('<img alt="">').attr("src", r.coverImg) : '<span class="no-cover"></span>',
          $("<div></div>").append($("<b></b>").text(r.name), "<br>", $("<span></span>").text(r.statusDesc))
        ));
      });
      return $live;
    }
    return $('<div class="default-preview"></div>').append($("<h3></h3>").text(NAMES[m.type] || "模块"));
  }

  function drawPhone() {
    var $c = $("#diy-contain").empty();
    $.each(modules(), function (i, m) {
      $c.append($('<div class="diy-conitem"></div>').toggleClass("selected", i === selected).attr("data-index", i).append(
        preview(m),
        '<div class="diy-conitem-action"><div class="diy-conitem-action-btns"><a href="javascript:;" class="diy-conitem-btn j-edit">编辑</a><a href="javascript:;" class="diy-conitem-btn j-del">删除</a></div></div>'
      ));
    });
  }

  function droplist(it) {
    var $menu = $('<ul class="droplist-menu"></ul>');
    $.each(MENU, function (_, v) {
      $menu.append($("<li></li>").attr("data-val", v).append($('<a href="javascript:;"></a>').text(LINK_TYPES[v])));
    });
    return $('<div class="droplist"></div>').append(
      $('<a href="javascript:;" class="droplist-title j-droplist-toggle"></a>').append($("<span></span>").text(it.linkType ? "修改" : "请选择"), '<i class="gicon-chevron-down"></i>'),
      $menu
    );
  }

  function ctrlItem(it, i) {
    var $controls = $('<div class="form-controls"></div>');
    var custom = CUSTOM[it.linkType];
    if (it.linkType && !custom) {
      $controls.append($('<a target="_blank" class="badge badge-success"></a>').attr({ href: it.link, title: it.title }).append(
        $("<span></span>").text(LINK_TYPES[it.linkType] || ""),
        $('<em class="badge-link ovfEps"></em>').text(it.title)
      ));
    }
    if (custom) $controls.append($('<input type="text" name="customlink" class="input input-no-at">').val(it.link));
    $controls.append(droplist(it));
    if (custom) $controls.append($('<span class="fi-help-text"></span>').text(custom));
    $controls.append('<input type="hidden" class="j-verify" name="item_id" value=""><span class="fi-help-text j-verify-linkType"></span>');
    return $('<li class="ctrl-item-list-li clearfix"></li>').attr("data-item", i).append(
      $('<div class="fl imgnav-box"><div class="imgnav j-selectimg"><img alt=""><span class="imgnav-reselect">重新选择</span></div></div>').find("img").attr("src", it.imgSrc || "").end(),
      $('<div class="fl imgnav-info"></div>').append(
        $('<div class="formitems"><label class="fi-name">链接到：</label></div>').append($controls),
        $('<div class="formitems"><label class="fi-name">导航名称：</label><div class="form-controls"><input type="text" name="title" class="input xlarge"><span class="fi-help-text"></span></div></div>')
          .find("input").val(it.showtitle).end()
      ),
      '<div class="ctrl-item-list-actions"><a href="javascript:;" title="上移" class="j-moveup">↑</a><a href="javascript:;" title="下移" class="j-movedown">↓</a><a href="javascript:;" title="删除" class="j-del">×</a></div>'
    );
  }

  function drawCtrl() {
    var $ctrl = $("#diy-ctrl").empty();
    var m = modules()[selected];
    if (!m) return;
    var $box = $('<div class="diy-ctrl-item"></div>').append($('<div class="modul-hd"></div>').text(NAMES[m.type] || "模块"));
    if (m.type === 2) {
      var $list = $('<ul class="ctrl-item-list"></ul>');
      $.each(m.content.images, function (i, it) { $list.append(ctrlItem(it, i)); });
      if (m.content.images.length < 10) $list.append('<li class="ctrl-item-list-add" title="添加"><i>+</i>添加一个图文导航</li>');
      $box.append($list);
    } else if (m.type === 11) {
      $box.append('<p class="fi-help-text">自动显示已同步的小程序直播间。</p>');
    } else if (m.type === 9) {
      $box.append($('<div class="formitems"><label class="fi-name">提示文字：</label><div class="form-controls"><input type="text" name="searchText" class="input"></div></div>').find("input").val(m.content.text || "").end());
    }
    $ctrl.append($box);
    var $item = $("#diy-contain .diy-conitem").eq(selected);
    $ctrl.css("margin-top", $item.length ? Math.max(0, $item.position().top) : 0);
  }

  function draw() {
    drawPhone();
    drawCtrl();
  }

  function itemOf(el) {
    return modules()[selected].content.images[Number($(el).closest(".ctrl-item-list-li").attr("data-item"))];
  }

  $("#diy-contain")
    .on("click", ".diy-conitem", function () {
      selected = Number($(this).attr("data-index"));
      draw();
    })
    .on("click", ".j-del", function (e) {
      e.stopPropagation();
      modules().splice(Number($(this).closest(".diy-conitem").attr("data-index")), 1);
      selected = -1;
      draw();
    });

  $("#diy-ctrl")
    .on("input", "input[name=title]", function () {
      itemOf(this).showtitle = this.value;
      drawPhone();
    })
    .on("input", "input[name=customlink]", function () {
      itemOf(this).link = this.value;
    })
    .on("click", ".j-droplist-toggle", function () {
      $(this).siblings(".droplist-menu").toggleClass("open");
    })
    .on("click", ".droplist-menu li", function () {
      var it = itemOf(this);
      var v = Number($(this).attr("data-val"));
      var ask = ASK[v];
      if (ask) {
        var answer = window.prompt("请输入" + ask[0]);
        if (!answer) return;
        it.link = ask[1](answer);
        it.title = answer;
      } else {
        it.link = TARGETS[v] || "";
        it.title = LINK_TYPES[v];
      }
      it.linkType = v;
      if (!it.showtitle) it.showtitle = it.title;
      draw();
    })
    .on("click", ".j-moveup, .j-movedown", function () {
      var items = modules()[selected].content.images;
      var i = Number($(this).closest(".ctrl-item-list-li").attr("data-item"));
      var j = $(this).hasClass("j-moveup") ? i - 1 : i + 1;
      if (j < 0 || j >= items.length) return;
      items.splice(j, 0, items.splice(i, 1)[0]);
      draw();
    })
    .on("click", ".ctrl-item-list-li .j-del", function () {
      var items = modules()[selected].content.images;
      items.splice(Number($(this).closest(".ctrl-item-list-li").attr("data-item")), 1);
      draw();
    })
    .on("click", ".ctrl-item-list-add", function () {
      modules()[selected].content.images.push({ linkType: 0, link: "", title: "", showtitle: "", imgSrc: "" });
      draw();
    });

  $(".j-diy-addModule").on("click", function () {
    var type = Number($(this).data("type"));
    var content = type === 2 ? { showType: 1, scroll: 0, lineCount: 4, bgColor: "#FFFFFF", textColor: "#000000", images: [] } : {};
    modules().push({ id: String(Date.now()), type: type, draggable: true, sort: modules().length, content: content });
    selected = modules().length - 1;
    draw();
  });

  $("#j-savePage").on("click", function () {
    $.each(modules(), function (i, m) { m.sort = i; });
    $.post(ajax + "Hi_Ajax_SaveTemplate", { client: $("#vtclient").val(), type: $("#vttype").val(), content: JSON.stringify(data) }, function (r) {
      if (r.success) $.dialog.succeedTips(r.msg);
      else $.dialog.errorTips(r.msg);
    }, "json");
  });

  // The saved page, by ajax (HiMall answers the file's text, or nothing when there is none).
  $.ajax({ url: ajax + "Hi_Ajax_GetTemplateByID", type: "GET", data: { client: $("#vtclient").val(), type: $("#vttype").val() }, dataType: "text" })
    .done(function (text) {
      try {
        data = text ? JSON.parse(text.replace(/^\uFEFF/, "")) : null;
      } catch (e) {
        data = null;
      }
      if (!data || !$.isArray(data.LModules)) data = JSON.parse($("input[name=content]").val());
      selected = modules().length ? 0 : -1;
      draw();
    })
    .fail(function () {
      $("#diy-contain").html('<div class="diy-loading">加载失败</div>');
    });
});
