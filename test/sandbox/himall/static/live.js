// 小程序直播 as the real HiMall draws it (Areas/{Admin,SellerAdmin}/Scripts/LiveManagement.js,
// Dec 2021), in our own words:
// - the grid is $("#list").hiMallDatagrid({ url: './list', columns: [[…]] }) over POST …/Live/List;
// - 序号 is an editable input.text-order carrying the WeChat room id as its roomId attribute
//   (blur posts SetSequence); the row's own `Id` (HiMall's key) is not the room id;
// - 操作: seller 设置封面图 (onclick SetBanner(roomId,'cover')), 直播商品 (LiveProduct?roomId=),
//   删除回放, 删除直播 (DelLiveRoom(Id)); platform 商品, 删除直播 (and 设置封面图 only when
//   pageData.adminBanner: older versions and the manual show it; the snapshot comments it out);
// - 封面设置 is $.dialog({ content: #banner-form, init, ok }): the picture is the CSS background of
//   .upload_pic holding a hidden input; span.upload.pic uploads through $.uploadImage; i.del
//   removes it; 保存 posts SetBanner { roomId, banner } form-encoded and closes.
// Global functions, as HiMall's inline onclick handlers call them.
(function ($) {
  "use strict";
  var page = window.pageData;
  var area = page.area;

  window.showLoading = window.showLoading || function () {
    var $l = $('<div class="aui_loading">正在处理中...</div>').appendTo("body");
    return { close: function () { $l.remove(); } };
  };

  function money(v) {
    var n = Number(v);
    return (isFinite(n) ? n : 0).toFixed(2);
  }

  function columns() {
    var cols = [];
    if (!page.seller) {
      cols.push({ checkbox: true, width: 39 });
      cols.push({ field: "Id", hidden: true });
    }
    cols.push({
      field: "Sequence", sort: true, title: "序号", width: 50,
      formatter: function (value, row) {
        return ' <input class="text-order" style="width:40px;margin:0;" type="text" value="' + value + '" roomId="' + row.RoomId + '" />';
      }
    });
    cols.push({ field: "Name", title: "直播标题", align: "left" });
    if (!page.seller) cols.push({ field: "ShopName", title: "商家名称", align: "left" });
    cols.push(
      { field: "AnchorName", title: "主播昵称", width: "100" },
      { field: "StatusDesc", title: "状态", width: "50" },
      { field: "StartTimeStr", sort: true, title: "开播时间", width: "80" },
      { field: "CartMember", sort: true, title: "加购人数", width: "70" },
      { field: "CartCount", sort: true, title: "加购次数", width: "70" },
      { field: "PaymentMember", sort: true, title: "支付人数", width: "70" },
      { field: "PaymentOrder", sort: true, title: "支付订单", width: "70" },
      { field: "PaymentAmount", sort: true, title: "支付金额", width: "70", formatter: function (value, row) { return "<span>" + money(row.PaymentAmount) + "</span>"; } },
      { field: "operation", title: "操作", width: page.seller ? 200 : 120, formatter: operations }
    );
    return [cols];
  }

  // The 操作 cell, built by string concatenation as HiMall does (the cover URL goes into the onclick as it is).
  function operations(value, row) {
    var id = String(row.RoomId);
    var out = ['<span class="btn-a text-left inline-block">'];
    if (page.seller) {
      if (row.RoomId > 0) {
        out.push('<a href="javascript:void(0);" onclick="SetBanner(' + id + ",'" + row.CoverImg + "')\">设置封面图</a>");
        out.push('<a href="/SellerAdmin/Live/LiveProduct?roomId=' + id + "\" target='_blank'>直播商品</a>");
      }
      if (row.Status != 0) out.push('<a href="javascript:void(0);"onclick="DelLiveReplay(' + id + ')" >删除回放</a>');
    } else if (row.Status != 0) {
      if (page.adminBanner) out.push('<a href="javascript:void(0);" onclick="SetBanner(' + id + ",'" + row.CoverImg + "')\">设置封面图</a>");
      out.push('<a href="/admin/Live/LiveProduct?roomId=' + id + "\" target='_blank'>商品</a>");
      // HiMall tests `row.status` (lower case), which its rows never carry: the platform grid never offers 删除回放.
      if (row.status == 103) out.push('<a href="javascript:void(0);"onclick="DelLiveReplay(' + id + ')" >删除回放</a>');
    } else {
      out.push('<a href="javascript:void(0);" onclick="ToAudit(' + row.Id + ')">审核</a>');
    }
    out.push('<a href="javascript:void(0);"onclick="DelLiveRoom(' + row.Id + ')" >删除直播</a>');
    out.push("</span>");
    return out.join("");
  }

  function query() {
    return {
      Name: $("#txtName").val(),
      AnchorName: $("#txtAnchorName").val(),
      ShopName: $("#txtShopName").val() || "",
      Status: $("#ddlRoomStatus").val()
    };
  }

  window.GetData = function () {
    $("#list").hiMallDatagrid({
      url: "./list",
      nowrap: false,
      rownumbers: true,
      NoDataMsg: "没有找到符合条件的数据",
      border: false,
      fit: true,
      fitColumns: true,
      pagination: true,
      idField: "Id",
      pageSize: 15,
      pagePosition: "bottom",
      pageNumber: 1,
      queryParams: query(),
      columns: columns()
    });
  };

  function reload() {
    $("#list").hiMallDatagrid("reload", query());
  }

  window.SyncData = function () {
    var loading = window.showLoading();
    $.ajax({ type: "post", url: "/admin/Live/Sync", dataType: "json" })
      .done(function (r) {
        loading.close();
        if (r.success) {
          $.dialog.succeedTips("获取成功！");
          reload();
        } else $.dialog.errorTips(r.msg);
      })
      .fail(function () {
        loading.close();
        $.dialog.errorTips("获取失败！");
      });
  };

  window.SaveBanner = function (roomId, url) {
    $.ajax({ type: "post", url: "/" + area + "/Live/SetBanner", data: { roomId: roomId, banner: url }, dataType: "json" })
      .done(function (r) {
        if (r.success) $.dialog.succeedTips("设置成功！");
        else $.dialog.errorTips(r.msg);
      })
      .fail(function () { $.dialog.errorTips("设置失败！"); });
  };

  // The picture box of #banner-form: shown (a path) or emptied ("").
  function showPicture($box, url) {
    var $pic = $box.find(".upload_pic");
    $pic.css("background-image", url ? 'url("' + url + '")' : "").attr("imagesrc", url || "");
    $pic.find("input:hidden").val(url || "").change();
    $box.find(".upload.pic").toggleClass("hidden", !!url);
    $box.find(".del").toggleClass("hide", !url);
  }

  window.SetBanner = function (roomId, url) {
    $.dialog({
      title: "封面设置",
      lock: true,
      id: "liveBanner",
      content: document.getElementById("banner-form"),
      padding: "0 40px",
      width: "350px",
      okVal: "保存",
      init: function () {
        // As in HiMall: only a room with a cover changes the picture; otherwise the last one stays.
        if (url) showPicture($("#banner-form .product.pic").first(), url);
      },
      ok: function () {
        window.SaveBanner(roomId, $("#banner-form input:hidden").first().val());
      }
    });
  };

  window.DelLiveReplay = function (roomId) {
    $.dialog.confirm("确认要删除回放数据吗,,建议先删除小程序后台的直播间数据，否则回放数据可能会再次同步过来", function () {
      $.post("/" + area + "/Live/DelLiveReplay", { RoomId: roomId }, function (r) {
        if (r.success) {
          $.dialog.succeedTips("删除成功");
          reload();
        } else $.dialog.errorTips("删除失败！" + r.msg);
      }, "json");
    });
  };

  window.DelLiveRoom = function (id) {
    $.dialog.confirm("确认要删除直播间吗,删除直播间将同时删除直播间相关数据，包括统计数据、商品数据、以及回放数据,建议先删除小程序后台的直播间，否则直播间数据可能会再次同步过来", function () {
      $.post("/" + area + "/Live/DelLiveRoom", { Id: id }, function (r) {
        if (r.success) {
          $.dialog.succeedTips("删除成功");
          reload();
        } else $.dialog.errorTips(r.msg);
      }, "json");
    });
  };

  window.ToAudit = function () {
    $.dialog.tips("此功能在沙箱中不可用");
  };

  window.ExportExecl = function () {
    $.dialog.tips("此功能在沙箱中不可用");
  };

  $(function () {
    $("#searchButton").on("click", window.GetData);
    window.GetData();

    // span.upload.pic: HiMall's uploader (no file input in the dialog).
    $("body").on("click", ".upload.pic", function () {
      var $box = $(this).closest(".product.pic");
      $.uploadImage({
        url: "/common/publicOperation/UploadPic",
        maxSize: 2,
        success: function (result) {
          if (result) showPicture($box, result);
        },
        error: function () {
          $.dialog.errorTips("图片上传出错,请重新上传！");
        }
      }).upload();
    });
    $(".product.pic .del").on("click", function () {
      showPicture($(this).closest(".product.pic"), "");
    });

    // 序号: blur posts the new sequence for the input's roomId.
    var before = 0;
    $(".container").on("focus", ".text-order", function () {
      before = parseInt($(this).val(), 10);
    });
    $(".container").on("blur", ".text-order", function () {
      var $in = $(this);
      var v = $in.val();
      if (isNaN(v) || parseInt(v, 10) < 0) {
        $.dialog.errorTips("您输入的序号不合法,此项只能是大于零的整数！");
        $in.val(before);
        return;
      }
      if (parseInt(v, 10) === before) return;
      $.post("/" + area + "/Live/SetSequence", { roomId: $in.attr("roomId"), sequence: parseInt(v, 10) }, function (r) {
        if (r.success) {
          $.dialog.tips("更新成功！");
          reload();
        } else $.dialog.errorTips(r.msg);
      }, "json");
    });
  });
})(jQuery);
