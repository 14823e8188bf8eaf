// 小程序直播 (live rooms): the datagrid, 获取小程序数据, and the 封面设置 / 商品 / 分配商家 dialogs.
// The room id of a row sits in the 操作 cell's <input type="hidden" class="thisRoomId">.
$(function () {
  "use strict";
  var page = window.pageData;
  var base = "/" + page.area + "/Live/";
  // HiMall's own scripts post the sync to the lower-case path.
  var syncUrl = "/" + page.area.toLowerCase() + "/Live/Sync";

  var columns = [
    { field: "Sequence", title: "序号", width: 60, sortable: true, formatter: function (v) { return '<input type="text" class="text-order" value="' + (v || 0) + '">'; } },
    { field: "Name", title: "直播标题", width: 150, align: "left" },
    { field: "ShopName", title: "商家名称", width: 70 },
    { field: "AnchorName", title: "主播昵称", width: 80 },
    { field: "StatusDesc", title: "状态", width: 50 },
    { field: "StartTimeStr", title: "开播时间", width: 80, formatter: function (v) { return '<span class="date-cell">' + $.htmlEncode(v) + "</span>"; } },
    { field: "CartMember", title: "加购人数", width: 70, sortable: true },
    { field: "CartCount", title: "加购次数", width: 70, sortable: true },
    { field: "PayMember", title: "支付人数", width: 70, sortable: true },
    { field: "PayOrders", title: "支付订单", width: 70, sortable: true },
    { field: "PayAmount", title: "支付金额", width: 70, sortable: true },
    {
      field: "operate", title: "操作", width: 170,
      formatter: function (v, row) {
        // Some HiMall versions draw no room id here: the row is then known by its index only.
        var idInput = page.roomIdInput === false ? "" : '<input type="hidden" class="thisRoomId" value="' + row.RoomId + '">';
        return '<span class="btn-a">' + idInput +
          '<a href="javascript:;" class="set-banner">设置封面图</a>' +
          '<a href="javascript:;" class="room-goods">商品</a>' +
          '<a href="javascript:;" class="set-shop">分配商家</a></span>';
      }
    }
  ];

  function query() {
    return { name: $("#liveName").val(), anchorName: $("#anchorName").val(), shopName: $("#shopName").val(), status: $("#status").val() };
  }

  $("#list").hiMallDatagrid({ url: base + "List", columns: columns, pageSize: 15, queryParams: query(), emptyMsg: "没有找到符合条件的数据" });

  function reload() {
    $("#list").hiMallDatagrid("reload", query());
  }

  $("#searchButton").on("click", reload);

  $("#exportExcel").on("click", function () {
    $.dialog.tips("此功能在沙箱中不可用");
  });

  $("#syncButton").on("click", function () {
    var $btn = $(this).prop("disabled", true);
    $.post(syncUrl, {}, function (r) {
      if (r.success) $.dialog.succeedTips(r.msg);
      else $.dialog.errorTips(r.msg);
      reload();
    }, "json").always(function () { $btn.prop("disabled", false); });
  });

  function rowOf(el) {
    var rows = $("#list").data("hiMallDatagrid").rows;
    var $input = $(el).closest("td").find(".thisRoomId");
    if (!$input.length) return rows[Number($(el).closest("tr").attr("datagrid-row-index"))];
    var id = Number($input.val());
    return $.grep(rows, function (r) { return r.RoomId === id; })[0];
  }

  // 设置封面图: upload on file choice (POST /common/publicOperation/UploadPic), then 保存 → SetBanner.
  $("#list").on("click", ".set-banner", function () {
    var row = rowOf(this);
    var $box = $(
      '<div class="cover-upload">' +
        '<input type="hidden" name="roomId"><input type="hidden" name="banner">' +
        '<div class="upload-img-box"></div>' +
        '<p class="upload-tip">建议尺寸750*750</p>' +
        '<p class="upload-error"></p>' +
      "</div>"
    );
    $box.find("[name=roomId]").val(row.RoomId);

    function show(src) {
      $box.find("[name=banner]").val(src);
      var $area = $box.find(".upload-img-box").empty();
      if (src) {
        $area.append(
          $('<div class="img-item"><img alt=""><a href="javascript:;" class="img-del" title="删除">x</a></div>').find("img").attr("src", src).end()
        );
      } else {
        $area.append('<label class="upload-btn"><b>+</b>上传<input type="file" name="file" accept="image/*"></label>');
      }
    }

    $box.on("click", ".img-del", function () { show(""); });
    $box.on("change", "input[type=file]", function () {
      var file = this.files && this.files[0];
      if (!file) return;
      var data = new FormData();
      data.append("file", file);
      $box.find(".upload-error").text("");
      $.ajax({ url: "/common/publicOperation/UploadPic", type: "POST", data: data, processData: false, contentType: false, dataType: "json" })
        .done(function (r) {
          if (r.success) show(r.src);
          else {
            $box.find(".upload-error").text(r.msg);
            $.dialog.errorTips(r.msg);
          }
        })
        .fail(function () { $.dialog.errorTips("上传失败"); });
    });
    show(row.CoverImg || "");

    $.dialog({
      title: "封面设置",
      content: $box,
      okVal: "保存",
      ok: function () {
        var api = this;
        var banner = $box.find("[name=banner]").val();
        if (!banner) {
          $.dialog.errorTips("请上传封面图");
          return false;
        }
        $.post(base + "SetBanner", { roomId: row.RoomId, banner: banner }, function (r) {
          if (!r.success) return $.dialog.errorTips(r.msg);
          $.dialog.succeedTips(r.msg);
          api.close();
          reload();
        }, "json");
        return false;
      }
    });
  });

  $("#list").on("click", ".room-goods", function () {
    var row = rowOf(this);
    $.dialog({ title: "直播商品 - " + row.Name, content: '<p style="width:420px;text-align:center;color:#999;margin:30px 0">暂无商品</p>' });
  });

  $("#list").on("click", ".set-shop", function () {
    var row = rowOf(this);
    var $select = $('<select class="form-control" style="width:220px"></select>');
    $.each(page.shops, function (_, s) {
      $select.append($("<option></option>").val(s.id).text(s.name).prop("selected", s.id === row.ShopId));
    });
    $.dialog({
      title: "分配商家",
      content: $('<div style="margin:10px 20px"><label>商家：</label></div>').append($select),
      okVal: "保存",
      ok: function () {
        $.post(base + "SetShop", { roomId: row.RoomId, shopId: $select.val() }, function (r) {
          if (r.success) $.dialog.succeedTips(r.msg);
          else $.dialog.errorTips(r.msg);
          reload();
        }, "json");
      }
    });
  });
});
