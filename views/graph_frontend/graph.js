// The Graph page's drawing (views/graph_canvas.py): Cytoscape.js on the positions, captions and
// hover texts the page computed (views/network.py). It speaks Streamlit's component protocol
// itself, so nothing but this folder's files is loaded.
//
// Every word shown comes from the page as data and is written with textContent: a sentence copied
// from a web page ("<img src=x onerror=…>") is shown as the characters it is, never run.
(function () {
  "use strict";

  var PADDING = 30;
  var TIP_OFFSET = 14;

  var frame = document.getElementById("frame");
  var box = document.getElementById("cy");
  var tip = document.getElementById("tip");
  var cy = null;
  var drawn = "";

  function send(type, data) {
    var message = { isStreamlitMessage: true, type: type };
    Object.keys(data || {}).forEach(function (key) { message[key] = data[key]; });
    window.parent.postMessage(message, "*");
  }

  function line(text, className) {
    var div = document.createElement("div");
    div.className = className;
    div.textContent = text;
    return div;
  }

  function showTip(element, at) {
    var content = element.data("tip") || {};
    tip.replaceChildren(line(content.title || "", "title"));
    (content.lines || []).forEach(function (text) { tip.appendChild(line(text, "line")); });
    tip.hidden = false;
    placeTip(at);
  }

  function placeTip(at) {
    if (tip.hidden) { return; }
    var width = frame.clientWidth, height = frame.clientHeight;
    var x = at.x + TIP_OFFSET, y = at.y + TIP_OFFSET;
    if (x + tip.offsetWidth > width) { x = Math.max(0, at.x - TIP_OFFSET - tip.offsetWidth); }
    if (y + tip.offsetHeight > height) { y = Math.max(0, at.y - TIP_OFFSET - tip.offsetHeight); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function hideTip() {
    tip.hidden = true;
    if (cy) { cy.edges(".hovered").removeClass("hovered"); }
  }

  function choose(id) {
    cy.nodes(".chosen").removeClass("chosen");
    if (id) { cy.getElementById(id).addClass("chosen"); }
  }

  function create() {
    cy = cytoscape({
      container: box,
      layout: { name: "preset" },
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autounselectify: true,
    });
    cy.on("mouseover", "node, edge", function (event) {
      if (event.target.isEdge()) { event.target.addClass("hovered"); }
      showTip(event.target, event.renderedPosition);
    });
    cy.on("mousemove", "node, edge", function (event) { placeTip(event.renderedPosition); });
    cy.on("mouseout", "node, edge", hideTip);
    cy.on("zoom pan", hideTip);
    // The pointer may leave the frame without leaving an element first.
    frame.addEventListener("mouseleave", hideTip);
    cy.on("tap", "node", function (event) {
      choose(event.target.id());
      send("streamlit:setComponentValue", {
        value: { selected: event.target.id(), at: Date.now() },
        dataType: "json",
      });
    });
  }

  function draw(args) {
    hideTip();
    cy.batch(function () {
      cy.elements().remove();
      cy.style(args.style);
      cy.add(args.elements.nodes);
      cy.add(args.elements.edges);
    });
    cy.fit(cy.elements(), PADDING);
    // A handful of nodes would be blown up to fill the frame: no larger than life-size and a bit.
    if (cy.zoom() > args.max_zoom) {
      cy.zoom(args.max_zoom);
      cy.center();
    }
    document.body.setAttribute("data-drawn", String(cy.nodes().length));
  }

  window.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.type !== "streamlit:render") { return; }
    var args = message.args;
    frame.style.height = args.height + "px";
    if (!cy) { create(); }
    var signature = JSON.stringify([args.elements, args.style]);
    if (signature !== drawn) {
      drawn = signature;
      draw(args);
    }
    choose(args.selected);
    send("streamlit:setFrameHeight", { height: args.height + 4 });
  });

  send("streamlit:componentReady", { apiVersion: 1 });
})();
