// 商品管理 (product list), drawn as HiMall's productManagement.js does: a hiMallDatagrid over
// ./List, admin rows (id, name, price, MaxPrice, shopId, imgUrl, state, saleStatus,
// auditStatus, …) or seller rows (Id, Name, Price, MaxPrice, ShopId, Image, SaleState,
// AuditState, …), each 操作 cell holding the hidden inputs .thisId .thisShopId .thisName
// .thisPrice, and 直播链接 (a.good-live) moving #storesLink-form into an artDialog.
$(function () {
  "use strict";
  var page = window.pageData;
  var base = "/" + page.area + "/Product/";

  // Tab → list filter (auditStatus 1 待审核 · 2 审核通过 · 4 违规下架; saleStatus 1 销售中 · 2 仓库中).
  var TAB_FILTERS = [{}, { auditStatus: 2, saleStatus: 1 }, { auditStatus: 1 }, { auditStatus: 4 }];
  var currentTab = 0;

  /** "68.00" as HiMall's toFixed(2); a price kept as text that is not a plain number is passed on as it is. */
  function money(v) {
    if (typeof v === "number") return v.toFixed(2);
    return /^\s*-?\d+(\.\d+)?\s*$/.test(String(v)) ? Number(v).toFixed(2) : String(v);
  }

  /** The .thisPrice value: "68.00" or "399.00~488.00" (price == MaxPrice → one amount). */
  function priceText(min, max) {
    // eslint-disable-next-line eqeqeq
    return min == max || max == null ? money(min) : money(min) + "~" + money(max);
  }

  function hidden(cls, value) {
    // HiMall writes the value unescaped into the attribute; the sandbox escapes it so that the
    // verbatim name survives (a name with a quote would otherwise be cut).
    return '<input class="' + cls + '" type="hidden" value="' + $.htmlEncode(value) + '"/>';
  }

  var liveLink = page.liveLinkAction ? '<a class="good-live" href="javascript:;">直播链接</a>' : "";

  // Formatters build HTML strings as HiMall's do; the name is written unescaped into the
  // link (a name like "<b>加粗</b>商品" shows in bold).
  var adminColumns = [[
    { checkbox: true, width: 40 },
    {
      field: "DisplaySequence", sort: true, title: "序号", width: 50,
      formatter: function (value, row) {
        return '<input class="text-order text-sort" style="width:40px;margin:0" type="text" value="' + value + '" productid="' + row.id + '"/>';
      }
    },
    {
      field: "name", title: "商品", width: 250, align: "left",
      formatter: function (value, row) {
        var html = '<img width="40" height="40" src="' + row.imgUrl + '"/><span class="overflow-ellipsis" style="width:150px"><a title="' + $.htmlEncode(value) + '" href="/product/detail/' + row.id + '" target="_blank">' + value + "</a>";
        html += "<p>￥" + money(row.price) + "</p></span>";
        if (row.ProductType === 1) html += '<p class="lh20">(虚拟)</p>';
        return html;
      }
    },
    { field: "brandName", title: "品牌", width: 55 },
    { field: "state", title: "状态", width: 80 },
    { field: "categoryName", title: "商城分类", width: 100 },
    { field: "shopName", title: "店铺名称", width: 100 },
    { field: "productCode", title: "货号", width: 50, formatter: function (value) { return "<span>" + value + "</span>"; } },
    { field: "saleCounts", title: "实际销量", width: 96, sort: true },
    {
      field: "VirtualSaleCounts", title: "虚拟销量", width: 70,
      formatter: function (value, row) {
        return '<input class="text-virtualSaleCount text-order" style="width:40px;margin:0" type="text" value="' + (value || 0) + '" productid="' + row.id + '"/>';
      }
    },
    { field: "CheckDate", title: "审核时间", width: 95, sort: true },
    {
      field: "s", title: "操作", width: 90, operation: true,
      formatter: function (value, row) {
        var html = '<span class="btn-a">' + hidden("thisId", row.id) + hidden("thisShopId", row.shopId) + hidden("thisName", row.name);
        if (page.rowPriceInput) html += hidden("thisPrice", priceText(row.price, row.MaxPrice));
        html += '<a class="good-check view-mobile-product" title="预览" data-url="/m/product/detail/' + row.id + '?sv=True">预览</a>';
        if (row.auditStatus === 1 && row.saleStatus === 1) html += '<a class="good-check" onclick="audit(' + row.id + ')">审核</a>';
        else if (row.auditStatus === 2) html += '<a class="good-break" onclick="infractionSaleOffDialog(' + row.id + ')">违规下架</a>';
        else if (row.auditStatus >= 3) html += '<a class="good-break" onclick="$.dialog.tips(\'' + String(row.auditReason || "无").replace(/'/g, "’") + '\')">查看原因</a>';
        return html + liveLink + "</span>";
      }
    }
  ]];

  var sellerColumns = [[
    { checkbox: true, width: 40 },
    {
      field: "ShopDisplaySequence", sort: true, title: "序号", width: 50,
      formatter: function (value, row) {
        return '<input class="text-order" style="width:40px" type="text" value="' + value + '" productid="' + row.Id + '"/>';
      }
    },
    {
      field: "Name", title: "商品", align: "left", width: 250,
      formatter: function (value, row) {
        var html = row.ProductType === 1 ? '<span class="pull-right virtual-mark">虚拟</span>' : "";
        html += '<img class="ml15" width="40" height="40" src="' + row.Image + '"/><a class="single-ellipsis w150 lh20" title="' + $.htmlEncode(value) + '" target="_blank" href="/product/detail/' + row.Id + '">' + value + "</a>";
        return html + '<p class="lh20" style="color:#ffa702">￥' + money(row.Price) + "</p>";
      }
    },
    { field: "ProductCode", title: "商品货号", width: 90 },
    { field: "BrandName", title: "品牌", width: 90 },
    { field: "CategoryName", title: "商家分类", width: 90 },
    { field: "Stock", title: "库存", width: 80 },
    { field: "SaleCount", title: "实际销量", width: 70 },
    { field: "VirtualSaleCounts", title: "虚拟销量", width: 72 },
    { field: "PublishTime", title: "发布时间", width: 90 },
    {
      field: "s", title: "操作", width: 120, operation: true,
      formatter: function (value, row) {
        var html = '<span class="btn-a text-left inline-block">' + hidden("thisId", row.Id) + hidden("thisShopId", row.ShopId) + hidden("thisName", row.Name);
        if (page.rowPriceInput) html += hidden("thisPrice", priceText(row.Price, row.MaxPrice));
        html += '<a class="good-check" href="edit/' + row.Id + '">编辑</a>';
        html += row.SaleState === 1 ? '<a class="good-del">删除</a>' : '<a class="good-up">上架</a><a class="good-del">删除</a>';
        return html + liveLink + "</span>";
      }
    }
  ]];

  function query() {
    return $.extend(
      {
        keyWords: $.trim($("#keyWords").val()),
        shopName: $.trim($("#shopName").val() || ""),
        productCode: $.trim($("#productCode").val()),
        brandName: $.trim($("#brandName").val()),
        productType: $("#productType").val(),
        auditStatus: "",
        saleStatus: ""
      },
      TAB_FILTERS[currentTab]
    );
  }

  $("#list").hiMallDatagrid({
    url: "./List",
    NoDataMsg: "没有找到符合条件的数据",
    pagination: true,
    idField: page.seller ? "Id" : "id",
    pageSize: page.seller ? 9 : 15,
    pageNumber: 1,
    queryParams: query(),
    operationButtons: "#saleOff",
    columns: page.seller ? sellerColumns : adminColumns
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
    $(".table-bt").toggle(!settings);
    if (settings) return;
    currentTab = tab;
    $("#list").hiMallDatagrid("reload", query());
  });

  function saleOff(ids) {
    $.dialog.confirm("确定要违规下架选中的商品吗？", function () {
      $.post(base + "BatchInfractionSaleOff", { ids: ids.join(",") }, function (r) {
        if (r.success) $.dialog.succeedTips(r.msg);
        else $.dialog.errorTips(r.msg);
        $("#list").hiMallDatagrid("reload", { pageNumber: $("#list").hiMallDatagrid("options").pageNumber });
      }, "json");
    });
  }

  // The batch buttons live in the pager bar (moved there by the datagrid).
  $(document).on("click", "#batchSaleOff", function () {
    var ids = $.map($("#list").hiMallDatagrid("getSelections"), function (r) { return r.id || r.Id; });
    if (!ids.length) return $.dialog.tips("请至少选择一件商品");
    saleOff(ids);
  });

  $(document).on("click", "#exportExcel, #batchVirtual", function () {
    $.dialog.tips("此功能在沙箱中不可用");
  });

  // Row actions named in onclick attributes, as HiMall's.
  window.infractionSaleOffDialog = function (id) { saleOff([id]); };
  window.audit = function () { $.dialog.tips("此功能在沙箱中不可用"); };

  // 直播链接: the row's hidden inputs fill #storesLink-form, moved into the dialog.
  $("#list").on("click", ".good-live", function () {
    var id = $(this).siblings(".thisId").val();
    var shopId = $(this).siblings(".thisShopId").val();
    var name = $(this).siblings(".thisName").val();
    var price = $(this).siblings(".thisPrice").val();
    $.dialog({
      title: "小程序直播链接",
      lock: true,
      id: "StoresLink",
      content: document.getElementById("storesLink-form"),
      padding: "0 40px",
      init: function () {
        $("#storesLink-form #link").val(String(page.liveLinkFormat).replace(/\{id\}/g, id));
        $("#storesLink-form #pname").val(name);
        $("#storesLink-form #spanprice").text(price == null ? "" : price);
        $("#storesLink-form #imgsrc").attr("src", "/Storage/Shop/" + shopId + "/Products/" + id + "/1_220.png");
      }
    });
  });
});
