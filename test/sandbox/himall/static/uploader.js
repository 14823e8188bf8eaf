// HiMall's file uploader (Scripts/CommonJS.js in the real shop), imitated:
//   $.uploadImage(options) → $.uploadFile(options with an image `accept`)
//   $.uploadFile(options) → { fileInput, upload(caller) }
// upload() clicks a file input that is NOT in the document (no dialog holds a file input);
// choosing a file moves it into a hidden form appended to <body> and posts that form as
// multipart/form-data (HiMall uses jquery.form's ajaxSubmit; here FormData over $.ajax) to
// options.url, default /Common/PublicOperation/UploadPic. The server answers text/html: the
// stored path (/temp/…) or a refusal text; options.success gets that text either way.
// options: name ("files"), url, accept, multiple, maxSize (MB, default 2), data, headers,
// beforeSubmit(fileInput) → false stops, change(form) → false stops, success(text), error(xhr).
(function ($) {
  "use strict";

  $.uploadFile = function (options) {
    var o = $.extend({ name: "files", url: "/Common/PublicOperation/UploadPic", multiple: false, accept: "image/jpg,image/jpeg,image/png", maxSize: 2 }, options);
    var caller = null;
    var $input = $('<input type="file">').attr("name", o.name);
    if (o.accept) $input.attr("accept", o.accept);
    if (o.multiple) $input.attr("multiple", "multiple");
    var $form = null;

    $input.on("change", function () {
      if (!$form) {
        $form = o.form ? $(o.form) : $('<form method="post" enctype="multipart/form-data"><input name="upload" type="submit" value="submit"></form>').attr("action", o.url);
        if (!o.form) $("<div></div>").css("display", "none").append($form).appendTo("body");
        $form.prepend($input);
      }
      var files = this.files || [];
      if ($.isFunction(o.beforeSubmit)) {
        if (o.beforeSubmit.call(caller, $input[0]) === false) return;
      } else {
        if (!files.length) return;
        for (var i = 0; i < files.length; i++) {
          if (files[i].size > o.maxSize * 1024 * 1024) {
            window.alert("文件大小不能超过" + o.maxSize + "M！");
            return;
          }
        }
      }
      if ($.isFunction(o.change) && o.change.call($input[0], $form) === false) return;
      var data = new FormData($form[0]);
      if (o.data) $.each(o.data, function (k, v) { data.append(k, v); });
      $.ajax({ url: $form.attr("action"), type: "POST", data: data, processData: false, contentType: false, dataType: "text", headers: o.headers })
        .done(function (text) {
          if ($.isFunction(o.success)) o.success.call(caller, text);
          $input.val("");
        })
        .fail(function (xhr) {
          if ($.isFunction(o.error)) o.error.call(caller, xhr);
          $input.val("");
        });
    });

    return {
      fileInput: $input,
      upload: function (by) {
        caller = by || $input;
        $input[0].click();
      }
    };
  };

  $.uploadImage = function (options) {
    return $.uploadFile($.extend({ accept: "image/jpg,image/jpeg,image/png" }, options));
  };
})(jQuery);
