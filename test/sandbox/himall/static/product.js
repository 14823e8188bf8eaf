// 商品管理 (product list): the datagrid, its tabs and search, and the 小程序直播链接 dialog.
$(function () {
  "use strict";
  var page = window.pageData;
  var base = "/" + page.area + "/Product/";

  // Tab → list filter (auditStatus 1 待审核 · 2 审核通过 · 4 违规下架; saleStatus 1 销售中 · 2 仓库中).
  var TAB_FILTERS = [{}, { auditStatus: 2, saleStatus: 1 }, { auditStatus: 1 }, { auditStatus: 4 }];
  var currentTab = 0;

  function money(v) {
    var n = Number(v);
    return isFinite(n) ? n.toFixed(2) : "0.00";
  }

  /** A price kept as a plain decimal number (or a number). */
  function plainNumber(v) {
    return typeof v === "number" || /^\s*-?\d+(\.\d+)?\s*$/.test(String(v));
  }

  /**
   * The price as HiMall writes it in .thisPrice: "68.00" or "399.00~488.00". A price kept as
   * text that is not a plain number ("￥1,299.00", "面议") is passed on as it is.
   */
  function priceText(row) {
    if (!plainNumber(row.price)) return String(row.price);
    var min = money(row.price);
    var max = money(row.MaxPrice == null ? row.price : row.MaxPrice);
    return max !== min ? min + "~" + max : min;
  }

  function statusText(row) {
    if (row.auditStatus === 4) return "违规下架";
    if (row.auditStatus === 1) return "待审核";
    if (row.auditStatus === 3) return "未通过";
    return { 1: "销售中", 2: "仓库中", 3: "草稿箱" }[row.saleStatus] || "";
  }

  function hidden(cls, value) {
    return '<input type="hidden" class="' + cls + '" value="' + $.htmlEncode(value) + '">';
  }

  // Formatters build HTML strings as HiMall's do; the name is written unescaped into the
  // link (a name like "<b>加粗</b>商品" shows in bold), the hidden inputs hold it verbatim.
  var columns = [
    { field: "id", title: "选择", width: 36, formatter: function (v) { return '<input type="checkbox" name="ck" value="' + v + '">'; } },
    { field: "displaySequence", title: "序号", width: 70, sortable: true, formatter: function (v) { return '<input type="text" class="text-order" value="' + (v || 0) + '">'; } },
    {
      field: "name", title: "商品", width: 220, align: "left",
      formatter: function (v, row) {
        return '<div class="product-cell"><img src="' + row.imgUrl + '">' +
          '<div class="product-info"><a class="product-name" href="/product/detail/' + row.id + '" target="_blank" title="' + $.htmlEncode(v) + '">' + v + "</a>" +
          "<span>￥" + money(row.price) + "</span>" + (row.productType === 1 ? "<br>(虚拟)" : "") + "</div></div>";
      }
    },
    { field: "brandName", title: "品牌", width: 50 },
    { field: "saleStatus", title: "状态", width: 60, formatter: function (v, row) { return statusText(row); } },
    { field: "categoryName", title: "商城分类", width: 70 },
    { field: "shopName", title: "店铺名称", width: 80 },
    { field: "productCode", title: "货号", width: 70 },
    { field: "saleCounts", title: "实际销量", width: 70, sortable: true },
    { field: "virtualSaleCounts", title: "虚拟销量", width: 66, formatter: function (v) { return '<input type="text" class="text-order" value="' + (v || 0) + '">'; } },
    { field: "addedDate", title: "发布时间", width: 80, sortable: true, formatter: function (v) { return '<span class="date-cell">' + String(v || "").slice(0, 16) + "</span>"; } },
    {
      field: "operate", title: "操作", width: 160,
      formatter: function (v, row) {
        return '<span class="btn-a">' +
          hidden("thisId", row.id) + hidden("thisShopId", row.shopId) + hidden("thisName", row.name) + hidden("thisPrice", priceText(row)) +
          '<a href="/product/detail/' + row.id + '" target="_blank">预览</a>' +
          '<a href="javascript:;" class="sale-off">违规下架</a>' +
          (page.liveLinkAction ? '<a href="javascript:;" class="live-link">直播链接</a>' : "") +
          "</span>";
      }
    }
  ];

  function query() {
    var q = {
      keyWords: $("#keyWords").val(),
      shopName: $("#shopName").val() || "",
      productCode: $("#productCode").val(),
      brandName: $("#brandName").val(),
      productType: $("#productType").val()
    };
    return $.extend(q, TAB_FILTERS[currentTab]);
  }

  $("#list").hiMallDatagrid({
    url: base + "List",
    columns: columns,
    pageSize: 15,
    sortName: "addedDate",
    queryParams: query(),
    onLoadSuccess: function () { $("#checkAll").prop("checked", false); }
  });

  $("#searchButton").on("click", function () {
    $("#list").hiMallDatagrid("reload", query());
  });

  $(".nav-tabs-custom a[data-tab]").on("click", function () {
    var tab = Number($(this).data("tab"));
    $(this).parent().addClass("active").siblings().removeClass("active");
    var settings = tab === 4;
    $("#productPane").toggle(!settings);
    $("#settingPane").toggle(settings);
    if (settings) return;
    currentTab = tab;
    $("#list").hiMallDatagrid("reload", query());
  });

  $("#checkAll").on("change", function () {
    $("#list tbody input[name=ck]").prop("checked", this.checked);
  });

  function saleOff(ids) {
    $.dialog.confirm("确定要违规下架选中的商品吗？", function () {
      $.post(base + "BatchInfractionSaleOff", { ids: ids.join(",") }, function (r) {
        if (r.success) $.dialog.succeedTips(r.msg);
        else $.dialog.errorTips(r.msg);
        $("#list").hiMallDatagrid("reload", query());
      }, "json");
    });
  }

  $("#batchSaleOff").on("click", function () {
    var ids = $.map($("#list").hiMallDatagrid("getSelections"), function (r) { return r.id; });
    if (!ids.length) return $.dialog.tips("请至少选择一件商品");
    saleOff(ids);
  });

  $("#exportExcel, #batchVirtual").on("click", function () {
    $.dialog.tips("此功能在沙箱中不可用");
  });

  $("#list").on("click", ".sale-off", function () {
    saleOff([$(this).closest("td").find(".thisId").val()]);
  });

  // 直播链接: the dialog reads the row's hidden inputs, as HiMall's does.
  $("#list").on("click", ".live-link", function () {
    var $cell = $(this).closest("td");
    var id = $cell.find(".thisId").val();
    var shopId = $cell.find(".thisShopId").val();
    var $form = $('<div class="live-link-form"></div>').append(
      $('<div class="form-row"><label>商品链接：</label><input type="text" class="form-control" readonly></div>')
        .find("input").val(String(page.liveLinkFormat || "pages/productdetail/productdetail?id={id}").replace(/\{id\}/g, id)).end(),
      $('<div class="form-row"><label>商品名称：</label><input type="text" class="form-control" readonly></div>')
        .find("input").val($cell.find(".thisName").val()).end(),
      $('<div class="form-row"><label>商品价格：</label><span class="price"></span></div>')
        .find(".price").text($cell.find(".thisPrice").val()).end(),
      $('<div class="form-row"><label>商品图片：</label><img alt=""></div>')
        .find("img").attr("src", "/Storage/Shop/" + shopId + "/Products/" + id + "/1_220.png").end(),
      '<p class="tips">请右键保存图片。如图片过大请先使用<a href="https://tinypng.com/" target="_blank">压缩工具</a>进行处理</p>'
    );
    $.dialog({ title: "小程序直播链接", content: $form });
  });
});
