/* The comments under a post: loads the ones newer than the build, posts comments and replies, and shows the
   author's own comment at once (marked while it waits for a moderator). Needs herald.js. */
(function () {
  "use strict";
  var H = window.Herald, section = document.querySelector("[data-herald-comments]");
  if (!H || !section) return;
  var el = H.el, say = H.words(section);
  var api = section.getAttribute("data-api"), page = section.getAttribute("data-page");
  var since = section.getAttribute("data-since") || "";
  var list = section.querySelector("[data-comment-list]"), form = section.querySelector("#comment-form");
  var formPlace = form.nextSibling, parentField = form.elements.namedItem("parent");
  var replying = form.querySelector("[data-replying]"), formTitle = form.querySelector("[data-form-title]");
  var answering = null;  // the comment the form is open under, whose Reply button gets the focus back on Cancel

  function updateCount() {
    var shown = section.querySelectorAll(".comment:not(.comment-deleted):not(.comment-pending)").length;
    document.querySelectorAll("[data-comment-count]").forEach(function (count) {  // the post's header too
      count.textContent = String(shown);
    });
    section.querySelector("[data-comments-empty]").hidden = !!list.querySelector(".comment");
  }

  /* The same markup as the comment_item macro in partials/comments.html. */
  function render(comment, status) {
    var article;
    if (comment.deleted) {
      article = el("article", {}, [el("p", {"class": "comment-removed"}, [say("removed")])]);
    } else {
      var author = comment.website
        ? el("a", {"class": "comment-author", href: comment.website, rel: "nofollow ugc noopener"}, [comment.author])
        : el("span", {"class": "comment-author"}, [comment.author]);
      var meta = el("header", {"class": "comment-meta"}, [author, " ",
        el("a", {"class": "comment-date", href: "#comment-" + comment.id}, [H.timeElement(comment.created)])]);
      if (status === "pending") meta.append(" ", el("span", {"class": "comment-status"}, [say("pending")]));
      var body = el("div", {"class": "comment-body"});
      body.innerHTML = comment.html;  // sanitized by the service: text formatting and links only
      article = el("article", {}, [meta, body]);
    }
    var classes = "comment" + (comment.deleted ? " comment-deleted" : "") + (status === "pending" ? " comment-pending" : "");
    var item = el("li", {"class": classes, id: "comment-" + comment.id, "data-comment-id": comment.id},
      [article, el("ol", {"class": "comment-replies"})]);
    addReplyButton(item);
    return item;
  }

  function addReplyButton(item) {
    if (item.classList.contains("comment-deleted") || item.classList.contains("comment-pending")) return;
    var button = el("button", {type: "button", "class": "link-button reply-button"}, [say("reply")]);
    button.addEventListener("click", function () { startReply(item); });
    item.querySelector("article").append(button);
  }

  function insert(comment, status) {
    var existing = document.getElementById("comment-" + comment.id);
    if (existing) return existing;
    var parent = comment.parent && document.getElementById("comment-" + comment.parent);
    var item = render(comment, status);
    (parent ? parent.querySelector(".comment-replies") : list).append(item);
    if (comment.created > since) since = comment.created;
    updateCount();
    return item;
  }

  function startReply(item) {
    answering = item;
    parentField.value = item.getAttribute("data-comment-id");
    var name = item.querySelector(".comment-author");
    replying.querySelector("[data-replying-name]").textContent = name ? name.textContent : "";
    replying.hidden = false;
    formTitle.textContent = say("reply");
    item.querySelector("article").after(form);
    form.elements.namedItem("body").focus();
  }

  function endReply() {
    answering = null;
    parentField.value = "";
    replying.hidden = true;
    formTitle.textContent = say("leave");
    section.insertBefore(form, formPlace);
  }

  function loadNewer() {
    var url = api + "?page=" + encodeURIComponent(page) + (since ? "&since=" + encodeURIComponent(since) : "");
    H.request("GET", url).then(function (answer) {
      if (answer.ok) answer.data.comments.forEach(function (comment) { insert(comment); });
    }, function () {});
  }

  form.querySelector("[data-cancel-reply]").addEventListener("click", function () {
    var item = answering;
    endReply();
    item.querySelector(".reply-button").focus();
  });
  /* The new comment takes the focus, there to be seen and read out; the notice above the list thanks for it. */
  H.bindForm(form, function (comment) {
    var item = insert(comment, comment.status);
    item.classList.add("comment-own");
    form.elements.namedItem("body").value = "";  // name, email and website stay for the next comment
    endReply();
    H.showNotice(comment.status === "pending" ? "comment-pending" : "comment-posted", false);
    item.tabIndex = -1;
    item.focus();
  });
  list.querySelectorAll(".comment").forEach(addReplyButton);
  updateCount();
  loadNewer();
}());
