/* Re-evaluate time-dependent labels with the visitor's clock (Asia/Shanghai), because the site
 * may have been built days ago. Without this script the build-time labels stay, and each page
 * says the day they were computed for ("状态截至"). No request leaves the page. */
(function () {
  "use strict";
  var zone = "Asia/Shanghai";
  var now = new Date();
  function part(type, options) {
    var parts = new Intl.DateTimeFormat("en-CA", Object.assign({ timeZone: zone }, options)).formatToParts(now);
    for (var i = 0; i < parts.length; i++) if (parts[i].type === type) return parts[i].value;
    return "";
  }
  var today = part("year", { year: "numeric" }) + "-" + part("month", { month: "2-digit" }) + "-" +
              part("day", { day: "2-digit" });
  var hhmm = part("hour", { hour: "2-digit", hourCycle: "h23" }) + ":" + part("minute", { minute: "2-digit" });
  var weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(part("weekday", { weekday: "short" })) + 1;

  // The holiday table (法定节假日, 调休): whether today is a working day, or null when the
  // table does not cover this year.
  var working = null, table = document.getElementById("holiday-calendar");
  if (table && table.dataset.years.split(",").indexOf(today.slice(0, 4)) >= 0) {
    working = table.dataset.on.split(",").indexOf(today) >= 0 ? true
            : table.dataset.off.split(",").indexOf(today) >= 0 ? false : weekday <= 5;
  }

  /* A line that is not in service on the visitor's day is no longer one tap from dialling. */
  function notDialling(el, state) {
    var card = el.closest(".call-card");
    if (!card) return;
    card.setAttribute("data-state", state);
    var link = card.querySelector("a.call-number");
    if (link) {
      var plain = document.createElement("span");
      plain.className = "call-number";
      plain.textContent = link.textContent;
      link.parentNode.replaceChild(plain, link);
    }
  }

  var tourLabels = { upcoming: "即将开始", active: "正在受理", closed: "已结束" };
  document.querySelectorAll("[data-tour-start]").forEach(function (badge) {
    var state = today < badge.dataset.tourStart ? "upcoming"
              : today <= badge.dataset.tourDeadline ? "active" : "closed";
    badge.textContent = tourLabels[state];
    badge.className = "badge badge--tour-" + state;
    if (state !== "active") notDialling(badge, state);
  });

  document.querySelectorAll("[data-hours]").forEach(function (el) {
    var from = el.dataset.validFrom, to = el.dataset.validTo;
    if ((from && today < from) || (to && today > to)) {
      el.textContent = "已停用";
      el.className = "open-now open-now--closed";
      notDialling(el, from && today < from ? "upcoming" : "closed");
      return;
    }
    if (el.dataset.hours === "always") {
      el.textContent = "全天接听";
      el.className = "open-now open-now--open";
      return;
    }
    if (el.dataset.hours === "unknown") {  // no published hours: never "open now"
      el.textContent = "接听时间未公布";
      el.className = "open-now open-now--unknown";
      return;
    }
    var slots = JSON.parse(el.dataset.hours), until = null, unknown = false;
    slots.forEach(function (slot) {
      if (!(slot[1] <= hhmm && hhmm < slot[2])) return;
      if (slot[0] === "W") {  // 工作日: decided by the holiday table
        if (working === null) unknown = true;
        else if (working) until = slot[2];
      } else if (slot[0].indexOf(weekday) >= 0) {
        until = slot[2];
      }
    });
    if (!until && unknown) {
      el.textContent = "节假日安排未登记，无法判断现在是否接听";
      el.className = "open-now open-now--unknown";
      return;
    }
    el.textContent = until ? "现在接听，至 " + until : "现在不在接听时间";
    el.className = "open-now " + (until ? "open-now--open" : "open-now--closed");
  });

  document.querySelectorAll(".as-of time").forEach(function (time) {
    if (time.getAttribute("datetime") !== today) {
      time.parentNode.appendChild(document.createTextNode("；以上状态已按今天（" + today + "）重新计算"));
    }
  });
})();
