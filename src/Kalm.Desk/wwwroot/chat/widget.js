/*
 * Kalm web chat widget. Embed with one tag:
 *   <script src="https://desk.example.nl/chat/widget.js" data-lang="nl" async></script>
 * Talks to Kalm's /hubs/chat over a WebSocket with SignalR's JSON protocol, hand-written so the
 * widget stays a few kilobytes and needs no build step. Styling: the --kalm-chat-* CSS variables.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__kalmChat) return;
  window.__kalmChat = true;

  var base = new URL(script.src, location.href);
  var hubUrl = (base.protocol === "https:" ? "wss://" : "ws://") + base.host + "/hubs/chat";
  var lang = (script.getAttribute("data-lang") || navigator.language || "nl").toLowerCase().indexOf("nl") === 0 ? "nl" : "en";
  var storageKey = "kalm-chat-token:" + base.host;
  var RS = "\u001e";

  var texts = {
    nl: {
      open: "Chat met ons", title: "Chat met onze klantenservice", close: "Chat sluiten", name: "Naam (optioneel)",
      email: "E-mailadres (optioneel)", start: "Start de chat", message: "Uw bericht", send: "Versturen",
      position: function (n) { return "U bent nummer " + n + " in de wachtrij."; }, wait: "Verwachte wachttijd: ",
      closed: "We zijn nu gesloten. Laat een bericht achter; we antwoorden zodra we weer open zijn.",
      typing: function (a) { return (a || "De medewerker") + " typt…"; }, you: "U", read: "Gelezen", sent: "Verstuurd",
      withAgent: function (a) { return "U chat met " + a + "."; }, ended: "Dit gesprek is afgerond.", blocked: "Deze chat is niet beschikbaar.",
      surveyTitle: "Hoe hebben we u geholpen?", comment: "Opmerking (optioneel)", submit: "Verstuur uw beoordeling",
      thanks: "Bedankt voor uw beoordeling!", offline: "Verbinding verbroken; we proberen het opnieuw…", error: "Er ging iets mis: ",
      score: function (n) { return n + " van 5"; }
    },
    en: {
      open: "Chat with us", title: "Chat with our customer service", close: "Close chat", name: "Name (optional)",
      email: "E-mail address (optional)", start: "Start the chat", message: "Your message", send: "Send",
      position: function (n) { return "You are number " + n + " in the queue."; }, wait: "Expected wait: ",
      closed: "We are closed right now. Leave a message and we will answer when we are open again.",
      typing: function (a) { return (a || "The agent") + " is typing…"; }, you: "You", read: "Read", sent: "Sent",
      withAgent: function (a) { return "You are chatting with " + a + "."; }, ended: "This conversation has ended.", blocked: "This chat is not available.",
      surveyTitle: "How did we do?", comment: "Comment (optional)", submit: "Send your rating",
      thanks: "Thank you for your rating!", offline: "Connection lost; trying again…", error: "Something went wrong: ",
      score: function (n) { return n + " of 5"; }
    }
  }[lang];

  var css =
    ":host{--kalm-chat-accent:#2f6f5e;--kalm-chat-bg:#fff;--kalm-chat-text:#1d2522;--kalm-chat-radius:12px;--kalm-chat-font:system-ui,sans-serif;" +
    "position:fixed;right:16px;bottom:16px;z-index:2147483000;font-family:var(--kalm-chat-font);color:var(--kalm-chat-text)}" +
    "button{font:inherit;cursor:pointer;border-radius:var(--kalm-chat-radius);border:0;padding:.6em 1em;background:var(--kalm-chat-accent);color:#fff}" +
    "button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #f2b134;outline-offset:2px}" +
    ".panel{width:min(360px,calc(100vw - 32px));height:min(540px,calc(100vh - 96px));display:flex;flex-direction:column;background:var(--kalm-chat-bg);" +
    "border-radius:var(--kalm-chat-radius);box-shadow:0 8px 30px rgba(0,0,0,.2);overflow:hidden;margin-bottom:8px}" +
    "[hidden]{display:none!important}header{display:flex;justify-content:space-between;align-items:center;padding:.6em .9em;background:var(--kalm-chat-accent);color:#fff}" +
    "header h2{font-size:1em;margin:0}header button{background:transparent;padding:.2em .5em}" +
    ".status{padding:.5em .9em;font-size:.9em;background:rgba(0,0,0,.04)}.status:empty{display:none}" +
    ".notice{padding:.6em .9em;background:#fff4e0;border-left:4px solid #c77800;font-size:.9em}.notice:empty{display:none}" +
    ".log{flex:1;overflow-y:auto;padding:.6em .9em;display:flex;flex-direction:column;gap:.4em}" +
    ".msg{max-width:85%;padding:.45em .7em;border-radius:var(--kalm-chat-radius);white-space:pre-wrap;word-wrap:break-word}" +
    ".visitor{align-self:flex-end;background:var(--kalm-chat-accent);color:#fff}.agent{align-self:flex-start;background:rgba(0,0,0,.07)}" +
    ".meta{display:block;font-size:.75em;opacity:.8;margin-top:.2em}.typing{font-size:.85em;font-style:italic;padding:0 .9em;min-height:1.3em}" +
    "form{display:flex;flex-direction:column;gap:.5em;padding:.6em .9em}form.compose{flex-direction:row;align-items:flex-end;border-top:1px solid rgba(0,0,0,.1)}" +
    "input,textarea{font:inherit;padding:.45em;border:1px solid #8a948f;border-radius:8px;width:100%;box-sizing:border-box}textarea{resize:none}" +
    "fieldset{border:0;margin:0;padding:0}legend{font-size:.9em;margin-bottom:.2em}.scale{display:flex;gap:.3em}" +
    ".scale label{flex:1;text-align:center;border:1px solid #8a948f;border-radius:8px;padding:.2em 0}.scale input{width:auto}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}";

  var host = document.createElement("div");
  host.className = "kalm-chat";
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" + css + "</style>" +
    '<section class="panel" role="dialog" aria-modal="false" hidden>' +
    "<header><h2></h2><button type=\"button\" class=\"close\">×</button></header>" +
    '<div class="status" aria-live="polite"></div><div class="notice" role="alert"></div>' +
    '<form class="start"><label><span class="sr l-name"></span><input name="name" autocomplete="name" maxlength="200"></label>' +
    '<label><span class="sr l-email"></span><input name="email" type="email" autocomplete="email" maxlength="320"></label>' +
    '<button type="submit" class="b-start"></button></form>' +
    '<div class="log" role="log" aria-live="polite" tabindex="0"></div><div class="typing" aria-live="polite"></div>' +
    '<form class="survey" hidden></form>' +
    '<form class="compose" hidden><label style="flex:1"><span class="sr l-message"></span><textarea name="text" rows="2" maxlength="2000"></textarea></label>' +
    '<button type="submit" class="b-send"></button></form></section>' +
    '<button type="button" class="launcher" aria-expanded="false"></button>';
  document.body.appendChild(host);

  function $(selector) { return root.querySelector(selector); }
  var panel = $(".panel"), launcher = $(".launcher"), log = $(".log"), status = $(".status"), notice = $(".notice");
  var startForm = $(".start"), compose = $(".compose"), survey = $(".survey"), typing = $(".typing");
  panel.setAttribute("aria-label", texts.title);
  $("header h2").textContent = texts.title;
  $(".close").setAttribute("aria-label", texts.close);
  launcher.textContent = texts.open;
  $(".l-name").textContent = texts.name; startForm.name.placeholder = texts.name;
  $(".l-email").textContent = texts.email; startForm.email.placeholder = texts.email;
  $(".b-start").textContent = texts.start;
  $(".l-message").textContent = texts.message; compose.text.placeholder = texts.message;
  $(".b-send").textContent = texts.send;

  var socket = null, ready = false, nextId = 1, pending = {}, retries = 0, pingTimer = null, typingTimer = null, lastTyping = 0, shownSurvey = null;
  var token = null;
  try { token = localStorage.getItem(storageKey); } catch (e) { token = null; }

  function connect() {
    socket = new WebSocket(hubUrl);
    socket.onopen = function () { socket.send(JSON.stringify({ protocol: "json", version: 1 }) + RS); };
    socket.onmessage = function (event) {
      String(event.data).split(RS).forEach(function (frame) {
        if (!frame) return;
        var message = JSON.parse(frame);
        if (!ready) {
          if (message.error) { status.textContent = texts.error + message.error; return; }
          ready = true; retries = 0;
          pingTimer = setInterval(function () { sendFrame({ type: 6 }); }, 15000);
          if (token) start({ token: token });
          return;
        }
        if (message.type === 1 && message.target === "chat") render(message.arguments[0]);
        else if (message.type === 1 && message.target === "agentTyping") showTyping(message.arguments[0]);
        else if (message.type === 3 && pending[message.invocationId]) {
          var call = pending[message.invocationId]; delete pending[message.invocationId];
          if (message.error) call.reject(new Error(message.error)); else call.resolve(message.result);
        } else if (message.type === 7) socket.close();
      });
    };
    socket.onclose = function () {
      ready = false; clearInterval(pingTimer);
      Object.keys(pending).forEach(function (id) { pending[id].reject(new Error(texts.offline)); delete pending[id]; });
      status.textContent = texts.offline;
      // Back off up to 30 s so a desk that restarts is not flooded by every open widget at once.
      setTimeout(connect, Math.min(30000, 1000 * Math.pow(2, retries++)));
    };
  }

  function sendFrame(message) { if (socket && socket.readyState === 1) socket.send(JSON.stringify(message) + RS); }

  function invoke(target, args) {
    return new Promise(function (resolve, reject) {
      if (!ready) { reject(new Error(texts.offline)); return; }
      var id = String(nextId++);
      pending[id] = { resolve: resolve, reject: reject };
      sendFrame({ type: 1, invocationId: id, target: target, arguments: args });
    });
  }

  function start(request) {
    return invoke("Start", [request]).then(function (response) {
      token = response.token;
      try { localStorage.setItem(storageKey, token); } catch (e) { /* private mode: the chat lasts this page */ }
      render(response.chat);
    }, function (error) {
      if (/not available/.test(error.message)) { notice.textContent = texts.blocked; startForm.hidden = true; compose.hidden = true; }
      else status.textContent = texts.error + error.message;
    });
  }

  function render(view) {
    startForm.hidden = true;
    var ended = view.state === "ended" || view.state === "blocked";
    compose.hidden = view.state === "blocked";
    notice.textContent = (lang === "nl" ? view.notice : view.noticeEn || view.notice) || "";
    var lines = [];
    if (!view.open && !ended) lines.push(texts.closed);
    if (view.state === "waiting" && view.queue) {
      lines.push(texts.position(view.queue.position) + (view.queue.text ? " " + texts.wait + (lang === "nl" ? view.queue.text : view.queue.textEn) + "." : ""));
    }
    if (view.state === "with_agent" && view.agentAlias) lines.push(texts.withAgent(view.agentAlias));
    if (view.state === "ended") lines.push(texts.ended);
    if (view.state === "blocked") lines.push(texts.blocked);
    status.textContent = lines.join(" ");
    log.textContent = "";
    view.messages.forEach(function (line) {
      var item = document.createElement("div");
      item.className = "msg " + line.from;
      item.textContent = line.text;
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = (line.from === "visitor" ? texts.you + " · " + (line.read ? texts.read : texts.sent) : line.author || "") +
        " · " + new Date(line.at).toLocaleTimeString(lang === "nl" ? "nl-NL" : "en-GB", { hour: "2-digit", minute: "2-digit" });
      item.appendChild(meta);
      log.appendChild(item);
    });
    log.scrollTop = log.scrollHeight;
    if (view.messages.some(function (l) { return l.from === "agent"; })) typing.textContent = "";
    renderSurvey(view);
  }

  function renderSurvey(view) {
    var key = view.survey ? view.conversationId : null;
    if (key === shownSurvey) return;
    shownSurvey = key;
    survey.hidden = !view.survey;
    survey.textContent = "";
    if (!view.survey) return;
    var title = document.createElement("strong");
    title.textContent = texts.surveyTitle;
    survey.appendChild(title);
    view.survey.forEach(function (question) {
      var set = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = lang === "nl" ? question.text : question.textEn;
      set.appendChild(legend);
      var scale = document.createElement("div");
      scale.className = "scale";
      for (var n = 1; n <= 5; n++) {
        var label = document.createElement("label");
        var input = document.createElement("input");
        input.type = "radio"; input.name = question.key; input.value = n; input.required = true;
        input.setAttribute("aria-label", texts.score(n));
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + n));
        scale.appendChild(label);
      }
      set.appendChild(scale);
      survey.appendChild(set);
    });
    var comment = document.createElement("textarea");
    comment.name = "comment"; comment.rows = 2; comment.maxLength = 2000;
    comment.setAttribute("aria-label", texts.comment); comment.placeholder = texts.comment;
    survey.appendChild(comment);
    var submit = document.createElement("button");
    submit.type = "submit"; submit.textContent = texts.submit;
    survey.appendChild(submit);
    survey.__questions = view.survey;
  }

  function showTyping(alias) {
    typing.textContent = texts.typing(alias);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typing.textContent = ""; }, 4000);
  }

  function toggle(open) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (!open) { launcher.focus(); return; }
    if (!token) { startForm.hidden = false; startForm.name.focus(); } else compose.text.focus();
  }

  launcher.addEventListener("click", function () { toggle(panel.hidden); });
  $(".close").addEventListener("click", function () { toggle(false); });
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") toggle(false); });

  startForm.addEventListener("submit", function (event) {
    event.preventDefault();
    start({ name: startForm.name.value || null, email: startForm.email.value || null }).then(function () {
      compose.hidden = false; compose.text.focus();
    });
  });

  compose.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = compose.text.value.trim();
    if (!text) return;
    invoke("Send", [text]).then(function (response) {
      compose.text.value = "";
      render(response.chat);
      if (response.notice) notice.textContent = lang === "nl" ? response.notice : response.chat.noticeEn || response.notice;
    }, function (error) { status.textContent = texts.error + error.message; });
  });

  compose.text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); compose.requestSubmit(); return; }
    // Tell the agent at most every 3 s, not on every key.
    if (Date.now() - lastTyping > 3000 && ready && token) { lastTyping = Date.now(); invoke("Typing", []).catch(function () { }); }
  });

  survey.addEventListener("submit", function (event) {
    event.preventDefault();
    var answers = {};
    survey.__questions.forEach(function (q) { answers[q.key] = Number(survey.querySelector("input[name='" + q.key + "']:checked").value); });
    invoke("Survey", [{ answers: answers, comment: survey.comment.value || null }]).then(function (view) {
      render(view);
      status.textContent = texts.thanks;
    }, function (error) { status.textContent = texts.error + error.message; });
  });

  connect();
})();
