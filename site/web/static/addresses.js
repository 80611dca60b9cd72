/* Contact addresses come as "name [at] domain" with their parts in data attributes, so naive address harvesters
   find none in the HTML; people get mailto links. A script of its own: a site without a service has it too. */
(function () {
  "use strict";
  document.querySelectorAll("[data-email-user]").forEach(function (span) {
    var address = span.getAttribute("data-email-user") + "@" + span.getAttribute("data-email-domain");
    var link = document.createElement("a");
    link.href = "mailto:" + address;
    link.className = "email-address";
    link.textContent = address;
    span.replaceWith(link);
  });
}());
