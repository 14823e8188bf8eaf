// 直播商品 (Areas/{Admin,SellerAdmin}/Scripts/LiveProduct.js, imitated): the goods of the room in
// #hidRoomId, from POST ./LiveProductList { ProductName, RoomId, page, rows }.
(function ($) {
  "use strict";
  function money(v) {
    var n = Number(v);
    return (isFinite(n) ? n : 0).toFixed(2);
  }
  function getData() {
    $("#list").hiMallDatagrid({
      url: "./LiveProductList",
      nowrap: true,
      NoDataMsg: "没有找到符合条件的数据",
      pagination: true,
      idField: "id",
      pageSize: 15,
      pageNumber: 1,
      queryParams: { ProductName: $("#txtProductName").val(), RoomId: $("#hidRoomId").val() },
      columns: [[
        { field: "Name", title: "商品", align: "left" },
        { field: "Price", title: "价格", width: 200, formatter: function (v, row) { return "<span>" + money(row.Price) + "</span>"; } },
        { field: "SaleCount", title: "本场直播销售数量", width: 200 },
        { field: "SaleAmount", title: "本场直播销售金额", width: 200, formatter: function (v, row) { return "<span>" + money(row.SaleAmount) + "</span>"; } }
      ]]
    });
  }
  $(function () {
    $("#searchButton").on("click", getData);
    getData();
  });
})(jQuery);
