// Shared HiMall admin scripts, written for the sandbox after the behaviour of HiMall's own
// widgets: an artDialog-like $.dialog and the hiMallDatagrid plugin. The calling API is
// HiMall's (`$.dialog({title, content, okVal, ok, init, …})`,
// `$("#list").hiMallDatagrid({url, pageSize, columns: [[{field, title, formatter}]], …})`).
(function ($) {
  "use strict";

  /** HTML-escape text for attributes and text nodes. */
  $.htmlEncode = function (s) {
    return String(s == null ? "" : s)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  };

  // ---------------------------------------------------------------------------------------
  // $.dialog (artDialog 4 behaviour)
  //
  // The dialog is a wrapper div inserted as the body's first child, holding `.aui_outer` with
  // a bordered table: `.aui_titleBar` (`.aui_title`, `.aui_close` ×), `.aui_main > .aui_content`
  // and `.aui_footer > .aui_buttons`. A DOM element given as content is MOVED into
  // `.aui_content` and shown (display: block); on close it goes back where it was, with its old
  // display. On close the wrapper is emptied and hidden; the first closed one stays in the page
  // (hidden, empty) and is reused for the next dialog, as artDialog keeps one for reuse.
  // A dialog with an `id` that is already open is brought forward instead of opening twice.

  var TEMPLATE =
    '<div class="aui_outer"><table class="aui_border"><tbody>' +
    '<tr><td class="aui_nw"></td><td class="aui_n"></td><td class="aui_ne"></td></tr>' +
    '<tr><td class="aui_w"></td><td class="aui_c"><div class="aui_inner"><table class="aui_dialog"><tbody>' +
    '<tr><td colspan="2" class="aui_header"><div class="aui_titleBar"><div class="aui_title"></div>' +
    '<a class="aui_close" href="javascript:;">\u00d7</a></div></td></tr>' +
    '<tr><td class="aui_icon" style="display:none"><div class="aui_iconBg"></div></td><td class="aui_main"><div class="aui_content"></div></td></tr>' +
    '<tr><td colspan="2" class="aui_footer"><div class="aui_buttons"></div></td></tr>' +
    "</tbody></table></div></td><td class=\"aui_e\"></td></tr>" +
    '<tr><td class="aui_sw"></td><td class="aui_s"></td><td class="aui_se"></td></tr>' +
    "</tbody></table></div>";

  var spare = null; // the wrapper kept for reuse after a close
  var open = {}; // dialogs by id
  var seq = 0;
  var zIndex = 1987;

  function takeWrap() {
    var wrap = spare;
    spare = null;
    if (!wrap) {
      wrap = document.createElement("div");
      wrap.innerHTML = TEMPLATE;
      document.body.insertBefore(wrap, document.body.firstChild);
    }
    wrap.style.cssText = "position:fixed;left:0;top:0;visibility:hidden";
    return $(wrap);
  }

  function dialog(options) {
    options = $.extend({ title: "消息", okVal: "确定", cancelVal: "取消", padding: "15px 10px", lock: false }, options);
    var id = options.id || "aui" + ++seq;
    if (open[id]) return open[id].focus();

    var $wrap = takeWrap();
    var $outer = $wrap.children(".aui_outer");
    var $content = $outer.find(".aui_content").empty();
    var $buttons = $outer.find(".aui_buttons").empty();
    var back = null;
    var $mask = null;

    $outer.find(".aui_title").text(options.title || "");
    $content.css("padding", options.padding);
    var content = options.content;
    if (content && content.jquery) content = content[0];
    if (content && content.nodeType === 1) {
      // Move the element in; remember where it was and how it was shown.
      var el = content;
      var display = el.style.display;
      var prev = el.previousSibling;
      var next = el.nextSibling;
      var parent = el.parentNode;
      back = function () {
        if (prev && prev.parentNode) prev.parentNode.insertBefore(el, prev.nextSibling);
        else if (next && next.parentNode) next.parentNode.insertBefore(el, next);
        else if (parent) parent.appendChild(el);
        else $(el).detach();
        el.style.display = display;
      };
      $content[0].appendChild(el);
      el.style.display = "block";
    } else {
      $content.html(content == null ? "" : String(content));
    }

    var api = {
      id: id,
      closed: false,
      config: options,
      DOM: { wrap: $wrap, outer: $outer, title: $outer.find(".aui_title"), content: $content, buttons: $buttons, close: $outer.find(".aui_close") },
      /** The dialog's element (the sandbox's older API). */
      $el: $outer,
      focus: function () {
        $wrap.css("z-index", ++zIndex).addClass("aui_state_focus");
        return api;
      },
      title: function (t) {
        api.DOM.title.text(t);
        return api;
      },
      close: function () {
        if (api.closed) return api;
        if (typeof options.close === "function" && options.close.call(api) === false) return api;
        api.closed = true;
        if (back) back();
        $content.empty();
        $buttons.empty();
        $outer.find(".aui_title").empty();
        $wrap[0].className = "";
        $wrap[0].style.cssText = "position:absolute;left:0;top:0;display:none";
        if ($mask) $mask.remove();
        delete open[id];
        if (spare) $wrap.remove();
        else spare = $wrap[0];
        return api;
      },
      hide: function () {
        $wrap.hide();
        return api;
      },
      show: function () {
        $wrap.show();
        return api;
      }
    };

    function button(name, callback, focus) {
      var $b = $('<button type="button"></button>').text(name);
      if (focus) $b.addClass("aui_state_highlight");
      $b.on("click", function () {
        if (!callback || callback.call(api) !== false) api.close();
      });
      $buttons.append($b);
    }
    if (options.ok) button(options.okVal, options.ok, true);
    $.each(options.button || [], function (_, b) { button(b.name, b.callback, b.focus); });
    if (options.cancel) button(options.cancelVal, options.cancel === true ? null : options.cancel, false);
    $buttons.closest(".aui_footer").toggle($buttons.children().length > 0);
    $outer.find(".aui_close").off("click").on("click", function () {
      if (typeof options.cancel === "function" && options.cancel.call(api) === false) return false;
      api.close();
      return false;
    });

    if (options.lock) {
      $mask = $('<div class="aui_mask"></div>').css("z-index", zIndex);
      $("body").append($mask);
      $wrap.addClass("aui_state_lock");
    }
    open[id] = api;
    $wrap.css({ visibility: "visible", display: "block" });
    api.focus();
    // Centre it.
    var w = $outer.outerWidth();
    var h = $outer.outerHeight();
    $wrap.css({ left: Math.max(0, ($(window).width() - w) / 2) + "px", top: Math.max(0, ($(window).height() - h) * 0.382) + "px" });
    if (options.init) options.init.call(api);
    return api;
  }

  /** A short message in the middle of the page. */
  function tips(msg, type, callback) {
    var $t = $('<div class="aui_tips"></div>').addClass(type || "").text(msg);
    $("body").append($t);
    setTimeout(function () {
      $t.remove();
      if (typeof callback === "function") callback();
    }, 2000);
  }

  dialog.tips = function (msg, callback) { tips(msg, "", callback); };
  dialog.succeedTips = function (msg, callback) { tips(msg, "success", callback); };
  dialog.errorTips = function (msg, callback) { tips(msg, "error", callback); };
  dialog.alert = function (msg, ok) {
    return dialog({ title: "提示", content: $('<p style="margin:10px 30px"></p>').text(msg)[0], lock: true, ok: ok || true });
  };
  dialog.confirm = function (msg, ok, cancel) {
    return dialog({ title: "操作提示", content: $('<p style="margin:10px 30px"></p>').text(msg)[0], lock: true, okVal: "确定", ok: ok, cancel: cancel || true });
  };
  $.dialog = dialog;

  // ---------------------------------------------------------------------------------------
  // hiMallDatagrid
  //
  // `$("#list").hiMallDatagrid({ url, pageSize, pageNumber, queryParams, columns: [[…]],
  // pagination, idField, operationButtons, NoDataMsg, onLoadSuccess })`. Each page is a POST
  // of queryParams + `page`, `rows` to `url`, answering `{ rows, total }` (`models`/`Models`,
  // `Total` accepted as HiMall does). The body is drawn again from scratch on every load:
  // `<tr hiMallDatagrid-row-index="i">` (odd rows `hiMallDatagrid-row-alt`), each cell
  // `<td field="…"><div class="hiMallDatagrid-cell">formatter output</div></td>`, checkbox
  // columns `div.hiMallDatagrid-cell-check`. The pager (`.table-bt` after the table: the
  // operation buttons moved from `operationButtons`, 全选, "p/n 页，共N条记录", prev/next,
  // 指定跳转 with its 跳转到第 N 页 box, 每页 N 条) is drawn again after each load when
  // `pagination` is on and there are rows.
  // Methods: reload(params) (params merge into queryParams; pageNumber, default 1),
  // clearReload(params), options, data, getRows, getSelections, getSelected, getRowByIndex.

  var DEFAULTS = {
    url: null,
    method: "post",
    columns: [[]],
    pagination: false,
    pageNumber: 1,
    pageSize: 20,
    pageArr: [10, 20, 50, 100, 200],
    queryParams: {},
    idField: null,
    striped: true,
    operationButtons: null,
    NoDataMsg: "没有找到符合条件的数据",
    onLoadSuccess: function () {},
    onLoadError: function () {}
  };

  /** The columns as one list; a flat `columns: [...]` (the sandbox's older pages) is taken too. */
  function columnsOf(opts) {
    var cols = opts.columns || [];
    return $.isArray(cols[0]) ? cols[0] : cols;
  }

  function request(target, param) {
    var st = $.data(target, "hiMallDatagrid");
    var opts = st.options;
    if (param) opts.queryParams = $.extend({}, opts.queryParams, param);
    if (!opts.url) return;
    var query = $.extend({}, opts.queryParams, { page: opts.pageNumber, rows: opts.pageSize });
    delete query.pageNumber;
    var ncols = columnsOf(opts).length;
    // Loading: the old body goes; a loading row shows in the head, as HiMall's grid draws it.
    $(target).find("tbody").remove();
    if (!$(target).find("#loadAjax").length) {
      $(target).find("thead").append('<tr id="loadAjax"><th style="height:100px;text-align:center" colspan="' + ncols + '">正在加载,请稍等 ...</th></tr>');
    }
    $.ajax({ type: opts.method, url: opts.url, data: query, dataType: "json" })
      .done(function (data) {
        data = data || {};
        if (data.models) data.rows = data.models;
        if (data.Models) data.rows = data.Models;
        if (data.Total) data.total = data.Total;
        loadData(target, { rows: data.rows || [], total: Number(data.total) || 0 });
      })
      .fail(function () {
        $(target).find("#loadAjax").remove();
        opts.onLoadError.apply(target, arguments);
        $.dialog.errorTips("数据加载失败");
      });
  }

  function loadData(target, data) {
    var st = $.data(target, "hiMallDatagrid");
    $(target).find("#loadAjax").remove();
    st.data = data;
    st.selectedRows = [];
    render(target);
    drawPager(target);
    st.options.onLoadSuccess.call(target, data);
  }

  function renderHead(target) {
    var opts = $.data(target, "hiMallDatagrid").options;
    if ($(target).find("thead").length) return;
    var html = ["<thead><tr>"];
    $.each(columnsOf(opts), function (_, col) {
      var content = col.checkbox ? "选择" : col.title || "";
      var cls = col.checkbox ? ' class="td-choose"' : col.operation ? ' class="td-operate"' : "";
      var sort = col.sort || col.sortable ? ' data-sort="' + col.field + '"' : "";
      if (sort) content += '<i class="icon_sort"></i>';
      var style = col.hidden ? "display:none;" : "text-align:center;" + (col.width ? "width:" + col.width + "px;" : "");
      html.push("<th" + cls + sort + ' style="' + style + '">' + content + "</th>");
    });
    html.push("</tr></thead>");
    $(target).html(html.join(""));
    $(target).on("click", "th[data-sort]", function () {
      var asc = $(this).hasClass("select") && !$(this).hasClass("state_switch");
      $(this).siblings().removeClass("state_switch select");
      $(this).addClass("select").toggleClass("state_switch", asc);
      opts.pageNumber = 1;
      request(target, { sort: $(this).attr("data-sort"), order: asc ? "asc" : "desc", IsAsc: asc });
    });
  }

  function render(target) {
    var st = $.data(target, "hiMallDatagrid");
    var opts = st.options;
    var cols = columnsOf(opts);
    var rows = st.data.rows;
    var html = ["<tbody>"];
    if (!rows.length) {
      html.push('<tr><td style="text-align:center" colspan="' + cols.length + '"><h2 class="no-data">' + opts.NoDataMsg + "</h2></td></tr>");
    }
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var cls = i % 2 && opts.striped ? ' class="hiMallDatagrid-row-alt"' : "";
      html.push('<tr hiMallDatagrid-row-index="' + i + '" datagrid-row-index="' + i + '"' + cls + ">");
      for (var c = 0; c < cols.length; c++) {
        var col = cols[c];
        var value = col.field ? row[col.field] : undefined;
        var tdCls = col.checkbox ? ' class="td-choose"' : col.operation ? ' class="td-operate td-lg"' : "";
        var tdStyle = col.hidden ? ' style="display:none"' : col.width ? ' style="width:' + col.width + 'px"' : "";
        html.push("<td" + tdCls + ' field="' + (col.field || "") + '"' + tdStyle + ">");
        html.push('<div style="text-align:' + (col.align || "center") + '" class="' + (col.checkbox ? "hiMallDatagrid-cell-check" : "hiMallDatagrid-cell") + '">');
        if (col.formatter) html.push(col.formatter(value, row, i));
        else if (col.checkbox) html.push('<input type="checkbox"/>');
        else html.push(value == null ? "" : $.htmlEncode(value));
        html.push("</div></td>");
      }
      html.push("</tr>");
    }
    html.push("</tbody>");
    $(target).find("tbody").remove();
    $(target).append(html.join(""));
    $(target).find("div.hiMallDatagrid-cell-check input[type=checkbox]").on("click", function (e) {
      var index = Number($(this).closest("tr").attr("hiMallDatagrid-row-index"));
      $(this).closest("tr").toggleClass("hiMallDatagrid-row-selected", this.checked);
      var row = st.data.rows[index];
      st.selectedRows = $.grep(st.selectedRows, function (r) { return r !== row; });
      if (this.checked) st.selectedRows.push(row);
      e.stopPropagation();
    });
  }

  function drawPager(target) {
    var st = $.data(target, "hiMallDatagrid");
    var opts = st.options;
    var total = st.data.total;
    $(target).siblings(".table-bt").remove();
    if (!opts.pagination || total <= 0) return;
    var pageCount = Math.max(1, Math.ceil(total / opts.pageSize));
    var hasCheckbox = $.grep(columnsOf(opts), function (c) { return c.checkbox; }).length > 0;
    var sizes = opts.pageArr.slice();
    if ($.inArray(Number(opts.pageSize), sizes) < 0) sizes.unshift(Number(opts.pageSize));
    var $bt = $(
      '<div class="table-bt clearfix"><div class="tabel-operate"></div><div class="pager">' +
        '<span class="active-page"></span>' +
        '<a class="btn btn-default beforePageBtn" href="javascript:void(0);" title="上一页">\u25c0</a>' +
        '<a class="btn btn-default afterPageBtn" href="javascript:void(0);" title="下一页">\u25b6</a>' +
        '<a class="btn btn-default btn-ssm jump-to">指定跳转</a>' +
        '<span class="select-pagesize"> 每页 <select class="btn btn-default btn-ssm pageSizeSelect"></select> 条</span>' +
        '<div class="tipic-dialog" style="display:none"><div class="page-jump"><span>跳转到第<input class="pageNumberTxt input-int-num" type="text">页</span>' +
        '<input type="button" class="btn btn-default btn-ssm pageJumpBtn" value="确定"></div></div>' +
      "</div></div>"
    );
    if (hasCheckbox) $bt.find(".tabel-operate").append('<div class="checkbox inline-block"><label><input class="check-all" type="checkbox"/>全选</label></div>');
    if (opts.operationButtonsInnerHTML) $bt.find(".tabel-operate").append(opts.operationButtonsInnerHTML);
    $bt.find(".active-page").text(opts.pageNumber + "/" + pageCount + " 页，共" + total + "条记录 ");
    $.each(sizes, function (_, n) {
      $bt.find(".pageSizeSelect").append($("<option></option>").val(n).text(n).prop("selected", Number(opts.pageSize) === n));
    });
    var $before = $bt.find(".beforePageBtn");
    var $after = $bt.find(".afterPageBtn");
    if (opts.pageNumber > 1) $before.on("click", function () { opts.pageNumber--; request(target); });
    else $before.attr("disabled", "disabled");
    if (opts.pageNumber < pageCount) $after.on("click", function () { opts.pageNumber++; request(target); });
    else $after.attr("disabled", "disabled");
    $bt.find(".jump-to").on("click", function (e) {
      e.stopPropagation();
      $bt.find(".tipic-dialog").toggle().find("input").first().trigger("focus");
    });
    $bt.find(".pageJumpBtn").on("click", function () {
      var n = parseInt(String($bt.find(".pageNumberTxt").val()).replace(/^0+/, ""), 10);
      if (!(n >= 1 && n <= pageCount)) {
        $.dialog.errorTips("请您输入有效的页码");
        $bt.find(".pageNumberTxt").val("");
        return;
      }
      opts.pageNumber = n;
      request(target);
    });
    $bt.find(".pageSizeSelect").on("change", function () {
      opts.pageNumber = 1;
      opts.pageSize = Number(this.value);
      request(target);
    });
    $bt.find(".check-all").on("click", function () {
      var on = this.checked;
      $(target).find("div.hiMallDatagrid-cell-check input[type=checkbox]:enabled").prop("checked", on).closest("tr").toggleClass("hiMallDatagrid-row-selected", on);
      st.selectedRows = on ? st.data.rows.slice() : [];
    });
    $bt.insertAfter($(target));
  }

  var methods = {
    options: function (jq) { return $.data(jq[0], "hiMallDatagrid").options; },
    data: function (jq) { return $.data(jq[0], "hiMallDatagrid").data; },
    getRows: function (jq) { return $.data(jq[0], "hiMallDatagrid").data.rows; },
    getRowByIndex: function (jq, i) { return $.data(jq[0], "hiMallDatagrid").data.rows[i]; },
    getSelections: function (jq) { return $.data(jq[0], "hiMallDatagrid").selectedRows.slice(); },
    getSelected: function (jq) { return $.data(jq[0], "hiMallDatagrid").selectedRows[0] || null; },
    reload: function (jq, param) {
      param = $.extend({}, param);
      return jq.each(function () {
        $.data(this, "hiMallDatagrid").options.pageNumber = Number(param.pageNumber) || 1;
        delete param.pageNumber;
        request(this, param);
      });
    },
    clearReload: function (jq, param) {
      return jq.each(function () {
        var opts = $.data(this, "hiMallDatagrid").options;
        opts.pageNumber = 1;
        opts.queryParams = param || {};
        request(this);
      });
    }
  };

  $.fn.hiMallDatagrid = function (options, param) {
    if (typeof options === "string") return methods[options](this, param);
    options = options || {};
    return this.each(function () {
      var st = $.data(this, "hiMallDatagrid");
      if (st) {
        $.extend(st.options, options);
      } else {
        var opts = $.extend({}, DEFAULTS, options);
        opts.pageArr = opts.pageArr.slice();
        // The sandbox's older pages pass flat columns and expect a pager.
        if (!$.isArray((options.columns || [])[0]) && options.pagination === undefined) opts.pagination = true;
        // The operation buttons (batch actions) move into the pager bar.
        var $ops = $(opts.operationButtons);
        if ($ops.length) {
          opts.operationButtonsInnerHTML = $ops.html();
          if (!$ops.hasClass("keep")) $ops.remove();
        }
        st = { options: opts, selectedRows: [], data: { total: 0, rows: [] } };
        // The rows of the current page (the sandbox's older pages read them here).
        Object.defineProperty(st, "rows", { get: function () { return st.data.rows; } });
        $.data(this, "hiMallDatagrid", st);
      }
      renderHead(this);
      if (st.options.url) request(this);
    });
  };
  $.fn.hiMallDatagrid.defaults = DEFAULTS;
  $.fn.hiMallDatagrid.methods = methods;
})(jQuery);
