// The events map: markers from the finder's JSON (same query string as the page), each opening the event.
// The list works without this file; the map is extra.
(function () {
  "use strict";

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function popup(event) {
    return '<strong><a href="' + escapeHtml(event.url) + '">' + escapeHtml(event.title) + "</a></strong><br>" +
      escapeHtml(event.kind) + (event.effort === "small" ? " · Easy first step" : "") + "<br>" +
      escapeHtml(event.next_start) + "<br>" + escapeHtml(event.place);
  }

  function draw(box, data) {
    var map = L.map(box, { scrollWheelZoom: false });
    // OpenStreetMap's tile servers refuse requests without a Referer; the site's own policy is same-origin,
    // so the tiles ask for the origin (never the page's path or query) to be sent.
    L.tileLayer(box.dataset.tiles, {
      maxZoom: 19,
      attribution: box.dataset.attribution,
      referrerPolicy: "strict-origin-when-cross-origin",
    }).addTo(map);
    var points = data.events.map(function (event) {
      L.marker([event.lat, event.lng], { title: event.title, alt: event.title }).addTo(map).bindPopup(popup(event));
      return [event.lat, event.lng];
    });
    if (data.centre) {
      L.circle([data.centre.lat, data.centre.lng], { radius: (data.miles || 25) * 1609.344, weight: 1, fill: false })
        .addTo(map);
      points.push([data.centre.lat, data.centre.lng]);
    }
    if (points.length) {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 13 });
    } else {
      map.setView([39.8, -98.6], 4);  // the contiguous United States
    }
    var status = document.getElementById("events-map-status");
    if (status) {
      var count = data.events.length + " event" + (data.events.length === 1 ? "" : "s") + " on the map";
      status.insertAdjacentText("afterbegin", (data.truncated ? "The first " : "") + count + ". ");
    }
  }

  function start() {
    var box = document.getElementById("events-map");
    if (!box || typeof L === "undefined") {
      return;
    }
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) { draw(box, data); })
      .catch(function () {
        box.textContent = "The map could not load. The list has the same events.";
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
