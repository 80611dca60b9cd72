/* Herald's own script for every page of a site with a service: page-view and button beacons, notices, and the
   forms' helpers that comments.js and board.js use. No cookies, no storage, no host but the service. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="herald-service"]');
  var service = meta ? meta.content.replace(/\/$/, "") : null;

  /* Beacons: nothing is sent when the browser asks not to be tracked (DNT or Global Privacy Control). */
  var tracking = !!service && navigator.doNotTrack !== "1" && window.doNotTrack !== "1" &&
    !navigator.globalPrivacyControl;

  function beacon(event) {
    var body = JSON.stringify(event);
    if (!(navigator.sendBeacon && navigator.sendBeacon(service + "/api/events", body))) {
      fetch(service + "/api/events", {method: "POST", body: body, keepalive: true, credentials: "omit",
        headers: {"Content-Type": "text/plain"}}).catch(function () {});
    }
  }

  if (tracking) {
    beacon({type: "pageview", path: location.pathname, referrer: document.referrer});
    document.addEventListener("click", function (event) {
      var tracked = event.target.closest && event.target.closest("[data-track]");
      if (tracked) beacon({type: "click", path: location.pathname, label: tracked.getAttribute("data-track")});
    }, true);
  }

  /* A notice is shown by CSS when the address ends in #herald-<code>; the script also reads ?herald=. It takes
     the focus (and so is read out), unless `moveFocus` is false: the caller put the focus where the news is. */
  function showNotice(code, moveFocus) {
    var notice = document.getElementById("herald-" + code);
    if (!notice) return;
    notice.hidden = false;
    notice.classList.add("is-shown");
    if (moveFocus !== false) notice.focus({preventScroll: false});
  }

  /* A new try makes the last answer's notice stale, whatever this one brings (`hidden` beats :target too). */
  function hideNotices() {
    document.querySelectorAll(".herald-notice").forEach(function (notice) {
      notice.classList.remove("is-shown");
      notice.hidden = true;
    });
  }

  var noticeCode = new URLSearchParams(location.search).get("herald");
  if (noticeCode) showNotice(noticeCode);

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] !== null && attributes[name] !== undefined) node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.append(child);  // strings become text, never markup
    });
    return node;
  }

  /* The words a script writes, in the page's language, from an element's data-words (partials/forms.html):
     `say(key, places)` fills {name} places; a word with a count takes the form given for a number in the same
     plural category as `places.count`. */
  function words(element) {
    var given = JSON.parse((element && element.getAttribute("data-words")) || "{}");
    var rules = new Intl.PluralRules(pageLanguage());
    return function say(key, places) {
      var word = given[key];
      if (word && typeof word === "object") {
        var category = rules.select(places.count);
        var sample = Object.keys(word).filter(function (n) { return rules.select(Number(n)) === category; })[0];
        word = word[sample === undefined ? Object.keys(word).pop() : sample];
      }
      return String(word).replace(/\{(\w+)\}/g, function (place, name) { return String(places[name]); });
    };
  }

  /* The page's language, for the dates and plurals a script writes. */
  function pageLanguage() { return document.documentElement.lang || "en"; }

  /* A date as the site writes it: CLDR's long date in the page's language with Western digits, day first in
     English ("3 May 2024"), as the build writes it. */
  function timeElement(iso) {
    var lang = pageLanguage(), written = new Date(iso).toLocaleDateString(
      (lang === "en" ? "en-GB" : lang) + "-u-nu-latn", {day: "numeric", month: "long", year: "numeric"});
    return el("time", {datetime: iso}, [written]);
  }

  /* One request to the service: resolves to {ok, status, data, retryAfter}; never sends cookies. */
  function request(method, url, body) {
    // "no-cache": the browser revalidates (ETag) instead of reusing an answer the CDN may keep for seconds.
    var options = {method: method, credentials: "omit", cache: "no-cache", headers: {"Accept": "application/json"}};
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return {ok: response.ok, status: response.status, data: data,
          retryAfter: response.headers.get("Retry-After")};
      });
    });
  }

  function clearErrors(form) {
    form.querySelectorAll("[data-error-for], [data-form-error]").forEach(function (slot) { slot.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (field) { field.removeAttribute("aria-invalid"); });
  }

  /* The service names each bad field; its message goes next to that field, anything else (or else how many fields
     to correct) into the form's alert above the button, and the focus to the first wrong field in the form's
     order (the service's answer has an order of its own). */
  function showErrors(form, answer) {
    var error = (answer.data && answer.data.error) || {}, say = words(form.querySelector("[data-form-error]"));
    var fields = error.fields || {}, general = [];
    Object.keys(fields).forEach(function (name) {
      var slot = form.querySelector('[data-error-for="' + name + '"]');
      var input = form.elements.namedItem(name);
      if (slot && input) {
        slot.textContent = fields[name];
        input.setAttribute("aria-invalid", "true");
      } else {
        general.push(fields[name]);
      }
    });
    if (answer.status === 429) {
      var seconds = parseInt(answer.retryAfter, 10);
      general.push(seconds > 0 ? say("waitSeconds", {count: seconds}) : say("wait"));
    } else if (!Object.keys(fields).length || general.length) {
      general.unshift(error.message || say("failed"));
    }
    var wrong = form.querySelectorAll('[aria-invalid="true"]');
    if (!general.length && wrong.length) {
      general.push(say("wrongFields", {count: wrong.length}));
    }
    form.querySelector("[data-form-error]").textContent = general.join(" ");
    if (wrong.length) wrong[0].focus();
  }

  /* Sends a form to its action as JSON; `done(data, form)` gets the service's answer when it accepted it. */
  function bindForm(form, done) {
    form.noValidate = true;  // the service's messages, next to each field, replace the browser's bubbles
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector('[type="submit"]'), fields = {};
      new FormData(form).forEach(function (value, name) { fields[name] = value; });
      clearErrors(form);
      hideNotices();
      button.disabled = true;
      request("POST", form.action, fields).then(function (answer) {
        if (answer.ok) {
          done(answer.data, form);
        } else {
          showErrors(form, answer);
        }
      }, function () {
        showErrors(form, {data: {error: {message: words(form.querySelector("[data-form-error]"))("unreachable")}}});
      }).then(function () {
        button.disabled = false;
        // Disabling the button took the focus away; it comes back there unless the answer put it somewhere.
        if (document.activeElement === document.body) button.focus();
      });
    });
  }

  var contactForm = document.querySelector("[data-contact-form]");
  if (contactForm) {
    bindForm(contactForm, function () {
      contactForm.reset();
      showNotice("contact-sent");
    });
  }

  window.Herald = {service: service, el: el, words: words, timeElement: timeElement, request: request,
    bindForm: bindForm, showNotice: showNotice};
}());
