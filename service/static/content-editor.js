/* The Content section's editor, on top of pages that work without it (service/templates/admin/content_edit.html):
   the formatting toolbar and its shortcuts (Ctrl/Cmd+B, I, K), the live preview (the form posted to the preview
   endpoint's sandboxed frame a moment after typing stops), and the upload dialog, which inserts the
   picture's Markdown where the cursor was; and a question before leaving with unsaved changes. A file, not
   inline, as the dashboard's Content-Security-Policy wants. */
(function () {
  "use strict";

  var PREVIEW_DELAY_MS = 700;

  // Every change goes through the browser's own editing where it can (execCommand "insertText", in Chromium
  // and Firefox for a textarea), so Ctrl+Z undoes a toolbar button like typing; setRangeText is the fallback.
  function replaceRange(area, text, start, end) {
    area.focus();
    area.setSelectionRange(start, end);
    var inserted = false;
    try { inserted = document.execCommand("insertText", false, text); } catch (error) { inserted = false; }
    if (!inserted) { area.setRangeText(text, start, end, "end"); }
  }

  function surround(area, before, after, placeholder, toggles) {
    var value = area.value, start = area.selectionStart, end = area.selectionEnd;
    var chosen = value.slice(start, end);
    if (toggles && chosen.length >= before.length + after.length &&
        chosen.slice(0, before.length) === before && chosen.slice(chosen.length - after.length) === after) {
      var inner = chosen.slice(before.length, chosen.length - after.length);  // the markers are selected
      replaceRange(area, inner, start, end);
      area.setSelectionRange(start, start + inner.length);
      return;
    }
    if (toggles && chosen && value.slice(start - before.length, start) === before &&
        value.slice(end, end + after.length) === after) {  // the markers are just outside the selection
      replaceRange(area, chosen, start - before.length, end + after.length);
      area.setSelectionRange(start - before.length, end - before.length);
      return;
    }
    chosen = chosen || placeholder;
    replaceRange(area, before + chosen + after, start, end);
    area.setSelectionRange(start + before.length, start + before.length + chosen.length);
  }

  function prefixLines(area, prefix) {
    var value = area.value;
    var start = value.lastIndexOf("\n", area.selectionStart - 1) + 1;
    var end = area.selectionEnd;
    var lines = value.slice(start, end).split("\n").map(function (line) { return prefix + line; });
    var text = lines.join("\n");
    replaceRange(area, text, start, end);
    area.setSelectionRange(start, start + text.length);
  }

  function insertAtCursor(area, text) {
    var at = area.selectionEnd;  // after a selection, never over it
    var before = at > 0 && area.value[at - 1] !== "\n" ? "\n\n" : "";
    replaceRange(area, before + text + "\n", at, at);
  }

  var FORMATS = {
    bold: function (area) { surround(area, "**", "**", "bold text", true); },
    italic: function (area) { surround(area, "_", "_", "italic text", true); },
    link: function (area) { surround(area, "[", "](https://)", "link text"); },
    heading: function (area) { prefixLines(area, "## "); },
    list: function (area) { prefixLines(area, "- "); },
    quote: function (area) { prefixLines(area, "> "); },
    image: function () { openDialog("upload-dialog"); }
  };
  var SHORTCUTS = { b: "bold", i: "italic", k: "link" };

  function format(area, name) {
    FORMATS[name](area);
    area.focus();
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // The toolbar is one Tab stop (the title, the toolbar, then the text); the arrow keys, Home and End move along
  // it, as the ARIA toolbar pattern has it.
  function rovingFocus(toolbar) {
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    buttons.forEach(function (button, index) { button.tabIndex = index === 0 ? 0 : -1; });
    var moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    toolbar.addEventListener("keydown", function (event) {
      var at = buttons.indexOf(document.activeElement), to;
      if (at < 0) { return; }
      if (event.key in moves) { to = (at + moves[event.key] + buttons.length) % buttons.length; }
      else if (event.key === "Home") { to = 0; }
      else if (event.key === "End") { to = buttons.length - 1; }
      else { return; }
      event.preventDefault();
      buttons[at].tabIndex = -1;
      buttons[to].tabIndex = 0;
      buttons[to].focus();
    });
  }

  function setUpToolbar(area) {
    var toolbar = document.querySelector(".editor-toolbar");
    if (!toolbar) { return; }
    toolbar.hidden = false;
    rovingFocus(toolbar);
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-format]");
      if (button) { format(area, button.dataset.format); }
    });
    area.addEventListener("keydown", function (event) {
      var name = SHORTCUTS[event.key.toLowerCase()];
      if (name && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        format(area, name);
      }
    });
  }

  // The preview is a document of its own, with its own Content-Security-Policy (a srcdoc frame would take the
  // dashboard's, which forbids the preview's <base> and styles): the form is posted into a fresh frame, which
  // takes the old one's place once it has loaded. A fresh frame's first page replaces its blank one, so the
  // previews add nothing to the browser's history.
  function setUpPreview(form) {
    var frame = document.getElementById("preview-frame");
    var status = document.getElementById("preview-status");
    var button = document.getElementById("preview-button");
    if (!frame || !form.dataset.preview || !button) { return; }
    var timer = null, pending = null, count = 0;
    function refresh() {
      if (pending) { pending.remove(); }
      var next = frame.cloneNode(false), posted = false;
      next.removeAttribute("id");
      next.removeAttribute("src");
      next.name = "preview-frame-" + (count += 1);
      next.hidden = true;
      frame.after(next);
      next.addEventListener("load", function () {
        if (!posted || pending !== next) { return; }  // its blank first page, or a preview overtaken
        pending = null;
        frame.remove();  // not replaceWith: a frame moved in the page loads again
        next.id = "preview-frame";
        next.hidden = false;
        frame = next;
        status.textContent = "";
      });
      pending = next;
      status.textContent = "Updating the preview…";
      var action = form.getAttribute("action");
      form.setAttribute("action", form.dataset.preview);
      form.setAttribute("target", next.name);
      posted = true;
      HTMLFormElement.prototype.submit.call(form);  // no submit event: no check of the fields, no leave warning
      form.setAttribute("action", action);
      form.removeAttribute("target");
    }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      refresh();
    });
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, PREVIEW_DELAY_MS);
    });
    refresh();
  }

  function openDialog(id) {
    var dialog = document.getElementById(id);
    if (dialog && dialog.showModal) { dialog.showModal(); return true; }
    return false;
  }

  function showUploadProblems(form, fields) {
    ["file", "alt"].forEach(function (name) {
      var input = form.querySelector("[name=" + name + "]");
      var message = document.getElementById("upload-" + name + "-problem");
      message.textContent = fields[name] || "";
      if (fields[name]) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    });
    var first = form.querySelector("[aria-invalid=true]");
    if (first) { first.focus(); }
  }

  function setUpUpload(area) {
    var dialog = document.getElementById("upload-dialog");
    var form = document.getElementById("upload-form");
    if (!dialog || !form || !dialog.showModal || !window.fetch) { return; }
    document.querySelectorAll("[data-opens]").forEach(function (opener) {
      opener.addEventListener("click", function (event) {
        if (openDialog(opener.dataset.opens)) { event.preventDefault(); }
      });
    });
    document.querySelectorAll("[data-closes]").forEach(function (closer) {
      closer.addEventListener("click", function () { document.getElementById(closer.dataset.closes).close(); });
    });
    var status = document.getElementById("upload-status");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      status.textContent = "Uploading…";
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin",
                           headers: { Accept: "application/json" } })
        .then(function (response) { return response.json().then(function (answer) { return [response, answer]; }); })
        .then(function (pair) {
          var response = pair[0], answer = pair[1];
          if (!response.ok) {
            var error = answer.error || {};
            showUploadProblems(form, error.fields || {});
            status.textContent = error.message || "The upload was refused.";
            return;
          }
          showUploadProblems(form, {});
          dialog.close();
          form.reset();
          status.textContent = "";
          insertAtCursor(area, answer.markdown);
          area.focus();
          area.dispatchEvent(new Event("input", { bubbles: true }));
          // Its own status, beside the text: the preview's would be emptied by the refresh this input starts.
          document.getElementById("upload-notice").textContent = "Uploaded " + answer.path + ". " + answer.notice;
        })
        .catch(function (error) { status.textContent = "The upload failed: " + error.message; });
    });
  }

  function formState(form) {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") { pairs.push([name, value]); }
    });
    return JSON.stringify(pairs);
  }

  // Leaving the editor with changes made since the page loaded (so since the last save, which reloads it) asks
  // first; saving does not (a submit that stays on the page, like the preview button's, keeps the warning on).
  function setUpLeaveWarning(form) {
    var saved = formState(form), leaving = false;
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      leaving = !(button && button.getAttribute("formtarget"));
    });
    window.addEventListener("beforeunload", function (event) {
      if (leaving || formState(form) === saved) { return; }
      event.preventDefault();
      event.returnValue = "";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("editor-form");
    var area = document.getElementById("body");
    if (!form || !area) { return; }
    setUpToolbar(area);
    setUpPreview(form);
    setUpUpload(area);
    setUpLeaveWarning(form);
    var summary = document.getElementById("problem-summary");
    if (summary) { summary.focus(); }
  });
}());
