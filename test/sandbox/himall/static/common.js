// Shared HiMall admin scripts: an artDialog-like $.dialog and the hiMallDatagrid plugin.
(function ($) {
  "use strict";

  /** HTML-escape text for attributes and text nodes. */
  $.htmlEncode = function (s) {
    return String(s == null ? "" : s)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  };

  /**
   * Open a modal dialog, built from DOM on every call and removed on close (like artDialog).
   * options: title, content (HTML or jQuery), okVal, ok (return false keeps it open), cancelVal.
   * Returns { $el, close }.
   */
  function dialog(options) {
    var $mask = $('<div class="aui_mask"></div>');
    var $outer = $(
      '<div class="aui_outer" role="dialog">' +
        '<div class="aui_header"><div class="aui_title"></div><a class="aui_close" href="javascript:;" title="关闭">×</a></div>' +
        '<div class="aui_main"><div class="aui_content"></div></div>' +
      "</div>"
    );
    $outer.find(".aui_title").text(options.title || "");
    // A DOM element as content (HiMall passes a hidden div of the page) is shown, and put back hidden on close.
    var home = options.content && options.content.nodeType === 1 ? { el: options.content, parent: options.content.parentNode, next: options.content.nextSibling } : null;
    $outer.find(".aui_content").append(options.content);
    if (home) home.el.style.display = "block";
    var api = {
      $el: $outer,
      close: function () {
        if (home && home.parent) {
          home.el.style.display = "none";
          home.parent.insertBefore(home.el, home.next);
        }
        $outer.remove();
        $mask.remove();
        if (options.close) options.close();
      }
    };
    if (options.ok) {
      var $footer = $('<div class="aui_footer"><div class="aui_buttons"></div></div>');
      var $ok = $('<button type="button" class="btn btn-primary aui_state_highlight"></button>').text(options.okVal || "确定");
      $ok.on("click", function () {
        if (options.ok.call(api) !== false) api.close();
      });
      if (options.cancelVal) {
        $footer.find(".aui_buttons").append($('<button type="button" class="btn btn-default"></button>').text(options.cancelVal).on("click", api.close));
      }
      $footer.find(".aui_buttons").append($ok);
      $outer.append($footer);
    }
    $outer.find(".aui_close").on("click", api.close);
    $("body").append($mask, $outer);
    if (options.init) options.init.call(api);
    return api;
  }

  /** A short message in the middle of the page. */
  function tips(msg, type) {
    var $t = $('<div class="aui_tips"></div>').addClass(type || "").text(msg);
    $("body").append($t);
    setTimeout(function () { $t.remove(); }, 2000);
  }

  dialog.tips = function (msg) { tips(msg); };
  dialog.succeedTips = function (msg) { tips(msg, "success"); };
  dialog.errorTips = function (msg) { tips(msg, "error"); };
  dialog.confirm = function (msg, ok) {
    return dialog({ title: "操作提示", content: $('<p style="margin:10px 30px"></p>').text(msg), okVal: "确定", cancelVal: "取消", ok: ok });
  };
  $.dialog = dialog;

  /**
   * hiMallDatagrid: a grid filled by POSTing its query (form-urlencoded: page, rows, sort,
   * order and queryParams) to options.url, which answers { rows, total }. Each load draws a
   * new <tbody>. The pager goes into the nearest .tabel-operate .pagination-wrap.
   *
   * options: url, columns [{ field, title, width, align, sortable, formatter(value, row, index) }],
   * pageSize, pageList, sortName, sortOrder, queryParams, emptyMsg, onLoadSuccess(data).
   * Methods: $(t).hiMallDatagrid("reload", queryParams), ("getSelections") → rows checked.
   */
  $.fn.hiMallDatagrid = function (options, arg) {
    var $table = this.first();
    if (typeof options === "string") {
      var st = $table.data("hiMallDatagrid");
      if (options === "reload") {
        st.page = 1;
        if (arg) st.opts.queryParams = arg;
        load($table);
      } else if (options === "options") {
        return $.extend({}, st.opts, { pageNumber: st.page });
      } else if (options === "getSelections") {
        return $table.find("tbody input[name=ck]:checked").map(function () {
          return st.rows[Number($(this).closest("tr").attr("datagrid-row-index"))];
        }).get();
      }
      return this;
    }
    var opts = $.extend({ pageSize: 15, pageList: [15, 30, 50], sortOrder: "desc", queryParams: {}, emptyMsg: options.NoDataMsg || "没有找到符合条件的数据" }, options);
    // HiMall passes columns as [[…]]; hidden columns are not drawn, a checkbox column is the 选择 box.
    var cols = $.isArray(opts.columns[0]) ? opts.columns[0] : opts.columns;
    opts.columns = $.map(cols, function (c) {
      if (c.hidden) return null;
      if (c.checkbox) return $.extend({ field: "ck", title: "", formatter: function () { return '<input type="checkbox" name="ck">'; } }, c);
      return c;
    });
    $table.data("hiMallDatagrid", { opts: opts, page: 1, rows: [], total: 0, sort: opts.sortName, order: opts.sortOrder });
    drawHeader($table);
    load($table);
    return this;
  };

  function drawHeader($table) {
    var st = $table.data("hiMallDatagrid");
    var $tr = $("<tr></tr>");
    $.each(st.opts.columns, function (_, col) {
      var $th = $("<th></th>").text(col.title).attr("field", col.field);
      if (col.width) $th.css("width", col.width);
      if (col.sortable) {
        $th.addClass("sortable").append('<span class="sort-icon"></span>').on("click", function () {
          st.order = st.sort === col.field && st.order === "desc" ? "asc" : "desc";
          st.sort = col.field;
          st.page = 1;
          load($table);
        });
      }
      $tr.append($th);
    });
    $table.empty().append($("<thead></thead>").append($tr), "<tbody></tbody>");
  }

  function load($table) {
    var st = $table.data("hiMallDatagrid");
    var query = $.extend({}, st.opts.queryParams, { page: st.page, rows: st.opts.pageSize });
    if (st.sort) $.extend(query, { sort: st.sort, order: st.order });
    $table.find("tbody").html('<tr class="empty-row"><td colspan="' + st.opts.columns.length + '">正在加载中...</td></tr>');
    $.ajax({ url: st.opts.url, type: "POST", data: query, dataType: "json" }).done(function (data) {
      st.rows = data.rows || [];
      st.total = data.total || 0;
      drawBody($table);
      drawPager($table);
      if (st.opts.onLoadSuccess) st.opts.onLoadSuccess.call($table[0], data);
    }).fail(function () {
      $.dialog.errorTips("数据加载失败");
    });
  }

  function drawBody($table) {
    var st = $table.data("hiMallDatagrid");
    var $tbody = $("<tbody></tbody>");
    if (!st.rows.length) {
      $tbody.append($('<tr class="empty-row"></tr>').append($('<td></td>').attr("colspan", st.opts.columns.length).text(st.opts.emptyMsg)));
    }
    $.each(st.rows, function (i, row) {
      var $tr = $('<tr></tr>').attr("datagrid-row-index", i);
      $.each(st.opts.columns, function (_, col) {
        var value = row[col.field];
        var $td = $("<td></td>").attr("field", col.field);
        if (col.align === "left") $td.addClass("td-left");
        if (col.formatter) $td.html(col.formatter(value, row, i));
        else $td.text(value == null ? "" : value);
        $tr.append($td);
      });
      $tbody.append($tr);
    });
    $table.find("tbody").replaceWith($tbody);
  }

  function drawPager($table) {
    var st = $table.data("hiMallDatagrid");
    var $wrap = $table.nextAll(".tabel-operate").first().find(".pagination-wrap");
    var pages = Math.max(1, Math.ceil(st.total / st.opts.pageSize));
    var $sizes = $("<select></select>");
    $.each(st.opts.pageList, function (_, n) {
      $sizes.append($("<option></option>").val(n).text(n).prop("selected", n === st.opts.pageSize));
    });
    var $jump = $('<input type="text" class="jump-input" style="display:none">');
    $wrap.empty().append(
      $('<span class="page-info"></span>').text(st.page + "/" + pages + " 页，共" + st.total + "条记录"),
      $('<button type="button" class="btn page-btn page-prev" title="上一页">◀◀</button>').prop("disabled", st.page <= 1).on("click", function () {
        st.page--;
        load($table);
      }),
      $('<button type="button" class="btn page-btn page-next" title="下一页">▶▶</button>').prop("disabled", st.page >= pages).on("click", function () {
        st.page++;
        load($table);
      }),
      $jump,
      $('<button type="button" class="btn page-jump">指定跳转</button>').on("click", function () {
        if (!$jump.is(":visible")) return $jump.show().trigger("focus");
        var n = parseInt($jump.val(), 10);
        if (n >= 1 && n <= pages) {
          st.page = n;
          load($table);
        } else {
          $.dialog.errorTips("请输入1到" + pages + "之间的页码");
        }
      }),
      $("<span>每页</span>"),
      $sizes.on("change", function () {
        st.opts.pageSize = Number($(this).val());
        st.page = 1;
        load($table);
      }),
      $("<span>条</span>")
    );
  }
})(jQuery);
