/* The board page live on the service's API: the threads a page at a time, a thread at #thread-<id> with its
   posts and a reply form, and the new-thread form. Without it the page links to the service's board pages.
   Needs herald.js. */
(function () {
  "use strict";
  var H = window.Herald, root = document.querySelector("[data-herald-board]");
  if (!H || !root) return;
  var el = H.el, say = H.words(root), PER_PAGE = 10, current = 1, openThread = null;
  var api = root.getAttribute("data-api"), pages = root.getAttribute("data-pages");
  var pagesQuery = root.getAttribute("data-pages-query") || "";  // "?lang=fr": the service's page in this one's language
  var listView = root.querySelector("[data-board-list]"), threadView = root.querySelector("[data-board-thread]");
  var threads = root.querySelector("[data-thread-list]"), status = root.querySelector("[data-board-status]");
  var pager = root.querySelector("[data-board-pages]"), posts = root.querySelector("[data-thread-posts]");
  var replyForm = root.querySelector("[data-board-reply]"), newForm = root.querySelector("[data-board-new]");

  function threadItem(thread) {
    var link = el("a", {href: pages + thread.id + "/" + pagesQuery, "data-thread-id": thread.id}, [thread.title]);
    return el("li", {"class": "thread"}, [
      el("h3", {}, [link]),
      el("p", {"class": "meta"}, [say("by", {author: thread.author}) + " · " + say("posts", {count: thread.post_count}) +
        " · " + say("lastPost") + " ", H.timeElement(thread.last_activity)]
        .concat(thread.locked ? [" · " + say("locked")] : [])),
      thread.excerpt ? el("p", {"class": "excerpt"}, [thread.excerpt]) : ""
    ]);
  }

  function postItem(post) {
    var body = el("div", {"class": "comment-body"});
    body.innerHTML = post.html;  // sanitized by the service
    return el("li", {"class": "board-post", id: "post-" + post.id}, [el("article", {}, [
      el("header", {"class": "comment-meta"}, [el("span", {"class": "comment-author"}, [post.author]), " ",
        H.timeElement(post.created)]),
      body
    ])]);
  }

  function showList(page) {
    threadView.hidden = true;
    listView.hidden = false;
    status.textContent = say("loading");
    H.request("GET", api + "?page=" + page + "&per_page=" + PER_PAGE).then(function (answer) {
      if (!answer.ok) throw new Error(answer.status);
      current = page;
      var count = Math.max(1, Math.ceil(answer.data.total / PER_PAGE));
      threads.replaceChildren.apply(threads, answer.data.threads.map(threadItem));
      status.textContent = answer.data.total ? "" : say("none");
      pager.hidden = count < 2;
      pager.querySelector("[data-board-newer]").disabled = page <= 1;
      pager.querySelector("[data-board-older]").disabled = page >= count;
      pager.querySelector("[data-board-page-label]").textContent = say("page", {number: page, total: count});
    }).catch(function () {
      status.textContent = say("unloaded");
      root.querySelector("[data-board-fallback]").hidden = false;
    });
  }

  function showThread(id, moveFocus) {
    H.request("GET", api + "/" + id).then(function (answer) {
      if (!answer.ok) throw new Error(answer.status);
      var thread = answer.data.thread, title = threadView.querySelector("[data-thread-title]");
      title.textContent = thread.title;
      threadView.querySelector("[data-thread-meta]").replaceChildren(
        say("startedBy", {author: thread.author}) + " · ", H.timeElement(thread.created),
        " · " + say("posts", {count: thread.post_count}));
      posts.replaceChildren.apply(posts, thread.posts.map(postItem));
      threadView.querySelector("[data-thread-locked]").hidden = !thread.locked;
      replyForm.hidden = thread.locked;
      openThread = thread.id;
      replyForm.action = api + "/" + thread.id + "/posts";
      listView.hidden = true;
      threadView.hidden = false;
      if (moveFocus) title.focus();
    }).catch(function () {
      status.textContent = say("unopened");
      showList(current);
    });
  }

  function route() {
    var match = /^#thread-(\d+)$/.exec(location.hash);
    if (match) showThread(match[1], true); else showList(current);
  }

  threads.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-thread-id]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    location.hash = "thread-" + link.getAttribute("data-thread-id");
  });
  pager.querySelector("[data-board-newer]").addEventListener("click", function () { showList(current - 1); });
  pager.querySelector("[data-board-older]").addEventListener("click", function () { showList(current + 1); });
  window.addEventListener("hashchange", route);

  /* A published thread opens (its title takes the focus), a published reply shows above the form (which keeps
     the focus); either way the notice above the board thanks for it. A held one's notice takes the focus. */
  H.bindForm(newForm, function (thread) {
    newForm.reset();
    if (thread.status === "approved") {
      H.showNotice("board-posted", false);
      location.hash = "thread-" + thread.id;
    } else {
      H.showNotice("board-queued");
    }
  });
  H.bindForm(replyForm, function (post) {
    replyForm.elements.namedItem("body").value = "";
    if (post.status === "approved") {
      showThread(openThread, false);  // the new post, and the new count
      H.showNotice("board-posted", false);
    } else {
      H.showNotice("board-queued");
    }
  });

  root.querySelector("[data-board-fallback]").hidden = true;
  route();
}());
